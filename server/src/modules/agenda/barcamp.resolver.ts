import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser, isModerator } from '../../graphql/auth.js';
import type { User } from '../comptes/user.entity.js';
import { listSessions } from './agenda.queries.js';
import { BarcampGridProposal, BarcampSession } from './agenda.types.js';
import type { SessionProposal } from './barcamp.entity.js';
import {
  AutoScheduleInput,
  MarkInterestInput,
  ProposeSessionInput,
  SaveBarcampGridInput,
  SaveSessionNotesInput,
  ScheduleSessionInput,
} from './barcamp.input.js';
import * as barcamp from './barcamp.service.js';
import { AgendaEvent } from './event.entity.js';
import { canManageEvent, getEvent } from './events.service.js';

/** The session as the person who asked sees it (interest, right to edit notes). */
async function view(ctx: Context, user: User, session: SessionProposal): Promise<BarcampSession> {
  const event = await getEvent(ctx.em, session.event.id);
  const manages = await canManageEvent(ctx.em, event, user);
  const [row] = await listSessions(ctx.em, {
    eventId: event.id,
    sessionId: session.id,
    viewerId: user.id,
    includeHidden: manages || isModerator(user),
    viewerManages: manages,
  });
  return row;
}

@Resolver()
export class BarcampResolver {
  @Authorized('VERIFIED')
  @Mutation(() => BarcampSession, { description: 'Proposes a session at a barcamp you registered to.' })
  async proposeSession(
    @Arg('input', () => ProposeSessionInput) input: ProposeSessionInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return view(ctx, user, await barcamp.proposeSession(ctx.em, user, input));
  }

  @Authorized('VERIFIED')
  @Mutation(() => BarcampSession, { description: 'Shows (or withdraws) your interest in a session.' })
  async markInterest(@Arg('input', () => MarkInterestInput) input: MarkInterestInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return view(ctx, user, await barcamp.markInterest(ctx.em, user, input.sessionId, input.interested ?? true));
  }

  @Authorized('VERIFIED')
  @Mutation(() => AgendaEvent, { description: 'Organizers define the rooms and time slots of the barcamp grid.' })
  async saveBarcampGrid(
    @Arg('input', () => SaveBarcampGridInput) input: SaveBarcampGridInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return barcamp.saveGrid(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => BarcampSession, { description: 'Places a session in a room and slot (both null take it off the grid).' })
  async scheduleSession(
    @Arg('input', () => ScheduleSessionInput) input: ScheduleSessionInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return view(ctx, user, await barcamp.scheduleSession(ctx.em, user, input));
  }

  @Authorized('VERIFIED')
  @Mutation(() => BarcampGridProposal, {
    description: 'Proposes the whole grid from interest marks, with as few clashes as it can (replaces the placement).',
  })
  async autoScheduleBarcamp(
    @Arg('input', () => AutoScheduleInput) input: AutoScheduleInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<BarcampGridProposal> {
    const proposal = await barcamp.autoSchedule(ctx.em, user, input.eventId);
    return {
      placed: proposal.placements.length,
      unplaced: proposal.unplacedIds.length,
      clashes: proposal.clashes,
      overCapacity: proposal.overCapacity,
    };
  }

  @Authorized('VERIFIED')
  @Mutation(() => BarcampSession, { description: "Writes a session's restitution (its speakers or the organizers)." })
  async saveSessionNotes(
    @Arg('input', () => SaveSessionNotesInput) input: SaveSessionNotesInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return view(ctx, user, await barcamp.saveNotes(ctx.em, user, input));
  }
}
