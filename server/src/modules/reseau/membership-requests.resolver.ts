import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser, CurrentViewer } from '../../graphql/auth.js';
import { PageArgs } from '../../graphql/connection.js';
import type { User } from '../comptes/user.entity.js';
import type { Viewer } from '../comptes/viewer.js';
import { MembershipRequest } from './membership-request.entity.js';
import * as requests from './membership-requests.service.js';
import { Organization } from './organization.entity.js';
import { AskToJoinOrganizationInput, DecideMembershipRequestInput, WithdrawMembershipRequestInput } from './organisations.input.js';
import { MembershipRequestConnection } from './organisations.types.js';

/** "Demander à rejoindre ce lieu" and its answers (membership-requests.service.ts). */
@Resolver(() => Organization)
export class MembershipRequestsResolver {
  @Authorized('VERIFIED')
  @Mutation(() => MembershipRequest, { description: 'Asks to join an organization as a plain member; its admins are told and answer.' })
  async askToJoinOrganization(
    @Arg('input', () => AskToJoinOrganizationInput) input: AskToJoinOrganizationInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return requests.askToJoin(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => MembershipRequest, { description: 'Takes back your request to join that nobody answered yet.' })
  async withdrawMembershipRequest(
    @Arg('input', () => WithdrawMembershipRequestInput) input: WithdrawMembershipRequestInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return requests.withdrawMembershipRequest(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => MembershipRequest, {
    description: "The organization's admins accept (the person becomes a plain member) or refuse a request to join; the person is told.",
  })
  async decideMembershipRequest(
    @Arg('input', () => DecideMembershipRequestInput) input: DecideMembershipRequestInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return requests.decideMembershipRequest(ctx.em, user, input);
  }

  @FieldResolver(() => MembershipRequest, {
    nullable: true,
    description: 'Your latest request to join (pending, refused or accepted; null for a visitor or without one).',
  })
  async myMembershipRequest(@Root() organization: Organization, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context) {
    return requests.myMembershipRequest(ctx.em, organization.id, viewer);
  }

  @FieldResolver(() => MembershipRequestConnection, {
    nullable: true,
    description: 'For its admins: the requests to join waiting for an answer, oldest first (null for anyone else).',
  })
  async membershipRequests(
    @Root() organization: Organization,
    @Args(() => PageArgs) args: PageArgs,
    @CurrentViewer() viewer: Viewer | null,
    @Ctx() ctx: Context,
  ) {
    return requests.pendingMembershipRequests(ctx.em, organization, viewer, args);
  }
}

/** What a request says beyond its columns. */
@Resolver(() => MembershipRequest)
export class MembershipRequestFieldsResolver {
  @FieldResolver(() => Date, {
    nullable: true,
    description: 'After a refusal: from when the person may ask again, while that day is to come (null otherwise).',
  })
  askAgainFrom(@Root() request: MembershipRequest): Date | null {
    return requests.askAgainFrom(request);
  }
}
