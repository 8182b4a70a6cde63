import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { PageArgs } from '../../graphql/connection.js';
import type { User } from '../comptes/user.entity.js';
import * as orientations from './orientations.service.js';
import {
  OrientationConnection,
  OrientationFiguresView,
  OrientationPlaceView,
  OrientationView,
  ReceivedOrientationsArgs,
  RespondToOrientationInput,
  SendOrientationInput,
} from './orientations.types.js';

const asSender = (row: orientations.OrientationRow): OrientationView => ({ ...row, youSent: true, youAnswer: false });
const asTeam =
  (viewer: User) =>
  (row: orientations.OrientationRow): OrientationView => ({ ...row, youSent: row.senderId === viewer.id, youAnswer: true });

/** Orientations between helpers (orientations.service.ts): only their sender and the place's team see them. */
@Resolver()
export class OrientationsResolver {
  @Authorized('VERIFIED')
  @Mutation(() => OrientationView, { description: 'Sends a person, with their consent, to a place that has a team in Maillage.' })
  async sendOrientation(
    @Arg('input', () => SendOrientationInput) input: SendOrientationInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const sent = await orientations.sendOrientation(ctx.em, user, input);
    return this.orientation(sent.id, user, ctx);
  }

  @Authorized('VERIFIED')
  @Mutation(() => OrientationView, { description: 'The place’s team accepts, answers or declines an orientation.' })
  async respondToOrientation(
    @Arg('input', () => RespondToOrientationInput) input: RespondToOrientationInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    await orientations.respondToOrientation(ctx.em, user, input);
    return this.orientation(input.id, user, ctx);
  }

  @Authorized('VERIFIED')
  @Mutation(() => OrientationView, {
    description: 'Its sender or the place’s team closes an orientation; the person’s data goes 3 months later.',
  })
  async closeOrientation(@Arg('id', () => ID) id: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    await orientations.closeOrientation(ctx.em, user, id);
    return this.orientation(id, user, ctx);
  }

  @Authorized()
  @Query(() => OrientationView, { description: 'One orientation, for its sender or the place’s team.' })
  async orientation(@Arg('id', () => ID) id: string, @CurrentUser() user: User, @Ctx() ctx: Context): Promise<OrientationView> {
    const row = await orientations.orientationFor(ctx.em, id, user);
    const youAnswer = row.senderId !== user.id || (await orientations.isTeamMember(ctx.em, row.organizationId, user.id));
    return { ...row, youSent: row.senderId === user.id, youAnswer };
  }

  @Authorized()
  @Query(() => OrientationConnection, { description: 'The orientations you sent, newest first.' })
  async sentOrientations(@Args(() => PageArgs) args: PageArgs, @CurrentUser() user: User, @Ctx() ctx: Context) {
    const page = await orientations.sentOrientations(ctx.em, user, args);
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: asSender(edge.node) })) };
  }

  @Authorized()
  @Query(() => OrientationConnection, { description: 'The orientations the places you belong to received, newest first.' })
  async receivedOrientations(
    @Args(() => ReceivedOrientationsArgs) args: ReceivedOrientationsArgs,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const page = await orientations.receivedOrientations(ctx.em, user, args);
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: asTeam(user)(edge.node) })) };
  }

  @Authorized()
  @Query(() => [OrientationPlaceView], { description: 'Places with a team in Maillage, by name or commune (the first 20).' })
  async orientationPlaces(@Ctx() ctx: Context, @Arg('search', () => String, { nullable: true }) search?: string | null) {
    return orientations.placesWithTeam(ctx.em, search);
  }

  @Query(() => OrientationFiguresView, { description: 'Orientations counted without personal data, for one place or the network.' })
  async orientationFigures(@Ctx() ctx: Context, @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string | null) {
    return orientations.orientationFigures(ctx.em, organizationId);
  }
}
