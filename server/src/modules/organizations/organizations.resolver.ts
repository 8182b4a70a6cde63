import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUser } from '../../graphql/auth.js';
import { PageArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import { ACTIVATION_DAYS } from '../accounts/accounts.service.js';
import { Membership, MemberRole } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { CreateManagedAccountInput, CreateOrganizationInput, OrganizationsArgs } from './organizations.input.js';
import * as organizations from './organizations.service.js';
import { ManagedAccountPayload, MembershipConnection, OrganizationConnection } from './organizations.types.js';

@Resolver(() => Organization)
export class OrganizationsResolver {
  @Query(() => OrganizationConnection)
  async organizations(@Args(() => OrganizationsArgs) args: OrganizationsArgs, @Ctx() ctx: Context) {
    const { limit, offset } = pageWindow(args);
    const { nodes, totalCount } = await organizations.listOrganizations(ctx.em, args, limit, offset);
    return toConnection(nodes, offset, totalCount);
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
}
