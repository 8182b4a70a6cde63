import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import { PageArgs } from '../../graphql/connection.js';
import type { User } from '../comptes/user.entity.js';
import { Organization } from './organization.entity.js';
import { PlaceClaim } from './place-claim.entity.js';
import * as requests from './place-requests.service.js';
import {
  ClaimPlaceInput,
  DecidePlaceClaimInput,
  DecidePlaceSuggestionInput,
  PlaceClaimConnection,
  PlaceSuggestionConnection,
  PlaceSuggestionView,
  SuggestPlaceChangesInput,
  WithdrawPlaceClaimInput,
} from './place-requests.types.js';

/** "Revendiquer ce lieu" and "signaler une erreur" (place-requests.service.ts). */
@Resolver(() => Organization)
export class PlaceRequestsResolver {
  @Authorized('VERIFIED')
  @Mutation(() => PlaceClaim, {
    description: 'Asks to manage a place; accepted at once when ProConnect gave you the SIRET that is its pivot.',
  })
  async claimPlace(@Arg('input', () => ClaimPlaceInput) input: ClaimPlaceInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return requests.claimPlace(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => PlaceClaim, { description: "The place's deciders accept (the person becomes its admin) or decline a claim." })
  async decidePlaceClaim(
    @Arg('input', () => DecidePlaceClaimInput) input: DecidePlaceClaimInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return requests.decidePlaceClaim(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => PlaceClaim, { description: 'Takes back your claim nobody answered yet.' })
  async withdrawPlaceClaim(
    @Arg('input', () => WithdrawPlaceClaimInput) input: WithdrawPlaceClaimInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return requests.withdrawPlaceClaim(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => PlaceSuggestionView, { description: '"Signaler une erreur": suggests new values for some fields of a place.' })
  async suggestPlaceChanges(
    @Arg('input', () => SuggestPlaceChangesInput) input: SuggestPlaceChangesInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const suggestion = await requests.suggestPlaceChanges(ctx.em, user, input);
    return requests.suggestionById(ctx.em, suggestion.id);
  }

  @Authorized('VERIFIED')
  @Mutation(() => PlaceSuggestionView, { description: "The place's deciders accept (applied, dated today) or decline a suggestion." })
  async decidePlaceSuggestion(
    @Arg('input', () => DecidePlaceSuggestionInput) input: DecidePlaceSuggestionInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return requests.decidePlaceSuggestion(ctx.em, user, input);
  }

  @Authorized()
  @Query(() => PlaceClaimConnection, {
    description: 'The pending claims you decide (of one place, or of every place), oldest first.',
  })
  async placeClaimsToDecide(
    @Args(() => PageArgs) args: PageArgs,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string,
  ) {
    return requests.claimsToDecide(ctx.em, user, { organizationId }, args);
  }

  @Authorized()
  @Query(() => PlaceSuggestionConnection, {
    description: 'The pending suggested corrections you decide (of one place, or of every place), oldest first.',
  })
  async placeSuggestionsToDecide(
    @Args(() => PageArgs) args: PageArgs,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string,
  ) {
    return requests.suggestionsToDecide(ctx.em, user, { organizationId }, args);
  }

  @FieldResolver(() => PlaceClaim, { nullable: true, description: 'Your latest claim on this place (null for a visitor or without one).' })
  async myPlaceClaim(@Root() organization: Organization, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context) {
    return requests.myClaimOn(ctx.em, organization.id, viewer);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'How many claims and suggestions wait for your answer here; null when you do not decide for this place.',
  })
  async pendingPlaceRequests(@Root() organization: Organization, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context) {
    return requests.pendingRequestsCount(ctx.em, organization.id, viewer);
  }
}
