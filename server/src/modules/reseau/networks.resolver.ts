import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUser } from '../../graphql/auth.js';
import { NetworkMembership } from './network-membership.entity.js';
import { DecideNetworkRequestInput, JoinNetworkInput, LeaveNetworkInput } from './organisations.input.js';
import * as networks from './networks.service.js';

@Resolver(() => NetworkMembership)
export class NetworksResolver {
  @Mutation(() => NetworkMembership, { description: "An organization's admin asks for it to join a network." })
  async requestToJoinNetwork(@Arg('input', () => JoinNetworkInput) input: JoinNetworkInput, @Ctx() ctx: Context) {
    return networks.requestToJoinNetwork(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => NetworkMembership, { description: "A network's admin accepts or declines a request to join." })
  async decideNetworkRequest(@Arg('input', () => DecideNetworkRequestInput) input: DecideNetworkRequestInput, @Ctx() ctx: Context) {
    return networks.decideNetworkRequest(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => Boolean, { description: 'Either side’s admin ends a network membership or withdraws a request.' })
  async leaveNetwork(@Arg('input', () => LeaveNetworkInput) input: LeaveNetworkInput, @Ctx() ctx: Context) {
    return networks.leaveNetwork(ctx.em, requireUser(ctx), input);
  }
}
