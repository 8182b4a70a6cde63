import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser } from '../../graphql/auth.js';
import type { User } from '../comptes/user.entity.js';
import { NetworkMembership } from './network-membership.entity.js';
import { DecideNetworkRequestInput, JoinNetworkInput, LeaveNetworkInput } from './organisations.input.js';
import * as networks from './networks.service.js';

@Resolver(() => NetworkMembership)
export class NetworksResolver {
  @Authorized('VERIFIED')
  @Mutation(() => NetworkMembership, { description: "An organization's admin asks for it to join a network." })
  async requestToJoinNetwork(
    @Arg('input', () => JoinNetworkInput) input: JoinNetworkInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return networks.requestToJoinNetwork(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => NetworkMembership, { description: "A network's admin accepts or declines a request to join." })
  async decideNetworkRequest(
    @Arg('input', () => DecideNetworkRequestInput) input: DecideNetworkRequestInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return networks.decideNetworkRequest(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => Boolean, { description: 'Either side’s admin ends a network membership or withdraws a request.' })
  async leaveNetwork(@Arg('input', () => LeaveNetworkInput) input: LeaveNetworkInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return networks.leaveNetwork(ctx.em, user, input);
  }
}
