import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUser } from '../../graphql/auth.js';
import { PageArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import { ACTIVATION_DAYS } from '../comptes/comptes.service.js';
import { searchOrganizations, type PlaceRow } from './directory.service.js';
import { describeOpening, frenchWeek, isOpenAt } from './opening-hours.js';
import { Membership, MemberRole } from './membership.entity.js';
import { NetworkMembership, NetworkMembershipStatus } from './network-membership.entity.js';
import { Organization } from './organization.entity.js';
import {
  CreateManagedAccountInput, CreateOrganizationInput, MemberInput, OrganizationsArgs, RemoveMemberInput, SetMemberRoleInput, UpdateOrganizationInput,
} from './organisations.input.js';
import * as organizations from './organisations.service.js';
import { ManagedAccountPayload, MembershipConnection, OrganizationConnection, OrganizationRef, WeekDayHours } from './organisations.types.js';

/** An organization as an entity (one page) or as a plain row of a directory list. */
type OrganizationRoot = Organization | (PlaceRow & Organization);

@Resolver(() => Organization)
export class OrganizationsResolver {
  @Query(() => OrganizationConnection, { description: 'The directory of places, structures and networks.' })
  async organizations(@Args(() => OrganizationsArgs) args: OrganizationsArgs, @Ctx() ctx: Context) {
    const page = pageWindow(args);
    const { first: _first, after: _after, ...filters } = args;
    const { rows, total } = await searchOrganizations(ctx.em, filters, page);
    return toConnection(rows, page.offset, total);
  }

  @Query(() => Organization, { nullable: true, description: 'One organization, by id or by slug.' })
  async organization(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('slug', () => String, { nullable: true }) slug?: string,
  ): Promise<Organization | null> {
    return organizations.findOrganization(ctx.em, { id, slug });
  }

  @Query(() => [Membership], { description: "The signed-in user's organizations and roles." })
  async myMemberships(@Ctx() ctx: Context): Promise<Membership[]> {
    const user = requireUser(ctx);
    return ctx.em.find(Membership, { user }, { populate: ['organization'], orderBy: { organization: { name: 'asc' } } });
  }

  @Mutation(() => Organization, { description: 'Creates an organization; you become its admin.' })
  async createOrganization(@Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput, @Ctx() ctx: Context) {
    return organizations.createOrganization(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => Organization, { description: "Changes an organization's page (its admins and editors)." })
  async updateOrganization(@Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput, @Ctx() ctx: Context) {
    return organizations.updateOrganization(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => Membership, { description: 'An admin adds a member with a role.' })
  async addMember(@Arg('input', () => MemberInput) input: MemberInput, @Ctx() ctx: Context) {
    return organizations.addMember(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => Membership, { description: "An admin changes a member's role (an organization keeps at least one admin)." })
  async setMemberRole(@Arg('input', () => SetMemberRoleInput) input: SetMemberRoleInput, @Ctx() ctx: Context) {
    return organizations.setMemberRole(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => Boolean, { description: 'An admin removes a member, or a member leaves.' })
  async removeMember(@Arg('input', () => RemoveMemberInput) input: RemoveMemberInput, @Ctx() ctx: Context) {
    return organizations.removeMember(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => ManagedAccountPayload, { description: 'An organization admin opens an account for a person they tutor.' })
  async createManagedAccount(
    @Arg('input', () => CreateManagedAccountInput) input: CreateManagedAccountInput,
    @Ctx() ctx: Context,
  ): Promise<ManagedAccountPayload> {
    const { user, activationToken } = await organizations.createManagedAccount(ctx.em, requireUser(ctx), input);
    const origin = ctx.config.publicUrl ?? `${ctx.req.protocol}://${ctx.req.get('x-forwarded-host') ?? ctx.req.get('host')}`;
    return {
      user,
      activationUrl: `${origin.replace(/\/$/, '')}/activation/${activationToken}`,
      expiresAt: new Date(Date.now() + ACTIVATION_DAYS * 24 * 3600 * 1000),
    };
  }

  @FieldResolver(() => MembershipConnection, { description: 'Members and their roles.' })
  async members(@Root() organization: Organization, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const { limit, offset } = pageWindow(args);
    const [nodes, total] = await ctx.em.findAndCount(
      Membership,
      { organization: organization.id },
      { populate: ['user'], orderBy: { role: 'asc', user: { displayName: 'asc' } }, limit, offset },
    );
    return toConnection(nodes, offset, total);
  }

  @FieldResolver(() => MemberRole, { nullable: true, description: "The signed-in user's role here, if any." })
  async myRole(@Root() organization: Organization, @Ctx() ctx: Context): Promise<MemberRole | null> {
    return organizations.roleIn(ctx.em, organization.id, ctx.user);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Open now (Paris time), from `horaires`; null without readable hours.' })
  openNow(@Root() organization: Organization): boolean | null {
    return organization.horaires ? isOpenAt(organization.horaires) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '"Ouvert · ferme à 18 h", "Fermé · ouvre lundi à 9 h 30".' })
  openingStatus(@Root() organization: Organization, @Ctx() ctx: Context): string | null {
    const description = describeOpening(organization.horaires);
    return description ? description[ctx.lang] : null;
  }

  @FieldResolver(() => [WeekDayHours], { nullable: true, description: 'This week, Monday first, written the French way.' })
  openingWeek(@Root() organization: Organization): WeekDayHours[] | null {
    return frenchWeek(organization.horaires);
  }

  @FieldResolver(() => [OrganizationRef], { description: 'The networks this organization belongs to.' })
  async networks(@Root() organization: OrganizationRoot, @Ctx() ctx: Context): Promise<OrganizationRef[]> {
    const preloaded = (organization as PlaceRow).networkSummaries;
    if (preloaded) return preloaded as OrganizationRef[];
    const memberships = await ctx.em.find(
      NetworkMembership,
      { member: organization.id, status: NetworkMembershipStatus.ACCEPTED },
      { populate: ['network'], orderBy: { network: { name: 'asc' } } },
    );
    return memberships.map(({ network }) => ({ id: network.id, name: network.name, slug: network.slug, kind: network.kind }));
  }

  @FieldResolver(() => OrganizationConnection, { description: 'For a network: its member organizations.' })
  async networkMembers(@Root() organization: Organization, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = pageWindow(args);
    const { rows, total } = await searchOrganizations(ctx.em, { networkId: organization.id }, page);
    return toConnection(rows, page.offset, total);
  }

  @FieldResolver(() => [NetworkMembership], { description: "For a network's admins: the requests to join waiting for an answer (empty for others)." })
  async pendingNetworkRequests(@Root() organization: Organization, @Ctx() ctx: Context): Promise<NetworkMembership[]> {
    if (!ctx.user) return [];
    try {
      await organizations.requireOrganizationAdmin(ctx.em, organization.id, ctx.user);
    } catch {
      return [];
    }
    return ctx.em.find(NetworkMembership, { network: organization.id, status: NetworkMembershipStatus.PENDING }, { populate: ['member'], orderBy: { createdAt: 'asc' } });
  }

  @FieldResolver(() => [NetworkMembership], { description: "For the organization's admins: its requests and memberships in networks (empty for others)." })
  async myNetworkRequests(@Root() organization: Organization, @Ctx() ctx: Context): Promise<NetworkMembership[]> {
    if (!ctx.user) return [];
    try {
      await organizations.requireOrganizationAdmin(ctx.em, organization.id, ctx.user);
    } catch {
      return [];
    }
    return ctx.em.find(NetworkMembership, { member: organization.id }, { populate: ['network'], orderBy: { createdAt: 'asc' } });
  }
}
