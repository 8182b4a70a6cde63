import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ImageRef, imageRef } from '../fichiers/fichiers.types.js';
import type { Context } from '../../graphql/context.js';
import { CurrentUser, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import { PageArgs } from '../../graphql/connection.js';
import { say } from '../../i18n/lang.js';
import { formatParisDateTime } from '../../shared/local-time.js';
import { timeZoneOfPlace } from '../../shared/territory.js';
import type { User } from '../comptes/user.entity.js';
import { searchOrganizations, type PlaceRow } from './directory.service.js';
import { describeOpening, isOpenAt, weekInWords, weeklyRanges } from './opening-hours.js';
import { Membership, MemberRole } from './membership.entity.js';
import { NetworkMembership } from './network-membership.entity.js';
import * as networks from './networks.service.js';
import { Organization } from './organization.entity.js';
import {
  CreateManagedAccountInput,
  CreateOrganizationInput,
  JoinOrganizationBySiretInput,
  MemberInput,
  OrganizationsArgs,
  RemoveMemberInput,
  SetMemberRoleInput,
  UpdateOrganizationInput,
} from './organisations.input.js';
import * as organizations from './organisations.service.js';
import {
  ManagedAccountPayload,
  MembershipConnection,
  OrganizationConnection,
  OpeningRange,
  OrganizationRef,
  PlaceSourceView,
  WeekDayHours,
} from './organisations.types.js';
import { placeSources } from './place-sources.js';

/** The instant "open now" is about: the real one, or the fixed one of a test (`config.clock`). */
const now = (ctx: Context): Date => ctx.config.clock?.() ?? new Date();

/**
 * An organization as an entity (one page) or as a plain row of a directory list. Typed so (a union, which
 * TypeScript's metadata calls `Object`) for the fields a list asks of every row: with the class as its type,
 * type-graphql's `@Root()` makes a new Organization of each row for each field (an id drawn, two dates, MikroORM's
 * setters), 40 of them for one page of the directory.
 */
type OrganizationRoot = Organization | (PlaceRow & Organization);

@Resolver(() => Organization)
export class OrganizationsResolver {
  @Query(() => OrganizationConnection, { description: 'The directory of places, structures and networks.' })
  async organizations(@Args(() => OrganizationsArgs) args: OrganizationsArgs, @Ctx() ctx: Context) {
    const { first, after, ...filters } = args;
    return searchOrganizations(ctx.em, filters, { first, after }, now(ctx));
  }

  @Query(() => Organization, { nullable: true, description: 'One organization, by id or by slug.' })
  async organization(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('slug', () => String, { nullable: true }) slug?: string,
  ): Promise<Organization | null> {
    return organizations.findOrganization(ctx.em, { id, slug });
  }

  @Authorized()
  @Query(() => [Membership], { description: "The signed-in user's organizations and roles." })
  async myMemberships(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<Membership[]> {
    return organizations.membershipsOf(ctx.em, user);
  }

  @Authorized('VERIFIED')
  @Mutation(() => Organization, { description: 'Creates an organization; you become its admin.' })
  async createOrganization(
    @Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return organizations.createOrganization(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => Organization, { description: "Changes an organization's page (its admins and editors)." })
  async updateOrganization(
    @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return organizations.updateOrganization(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => Membership, { description: 'An admin adds a member with a role.' })
  async addMember(@Arg('input', () => MemberInput) input: MemberInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return organizations.addMember(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => Membership, { description: "An admin changes a member's role (an organization keeps at least one admin)." })
  async setMemberRole(@Arg('input', () => SetMemberRoleInput) input: SetMemberRoleInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return organizations.setMemberRole(ctx.em, user, input);
  }

  @Authorized()
  @Query(() => Organization, {
    nullable: true,
    description: 'After a ProConnect sign-in: the organization with the SIRET ProConnect gave for you, when you are not a member yet.',
  })
  async proConnectOrganization(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<Organization | null> {
    return organizations.organizationProposedBySiret(ctx.em, user);
  }

  @Authorized('VERIFIED')
  @Mutation(() => Membership, { description: 'Joins, as a member, the organization whose SIRET is the one of your ProConnect identity.' })
  async joinOrganizationBySiret(
    @Arg('input', () => JoinOrganizationBySiretInput) input: JoinOrganizationBySiretInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return organizations.joinOrganizationBySiret(ctx.em, user, input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'An admin removes a member, or a member leaves.' })
  async removeMember(@Arg('input', () => RemoveMemberInput) input: RemoveMemberInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return organizations.removeMember(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => ManagedAccountPayload, { description: 'An organization admin opens an account for a person they tutor.' })
  async createManagedAccount(
    @Arg('input', () => CreateManagedAccountInput) input: CreateManagedAccountInput,
    @CurrentUser() admin: User,
    @Ctx() ctx: Context,
  ): Promise<ManagedAccountPayload> {
    const account = await organizations.createManagedAccount(ctx.em, admin, input);
    const until = formatParisDateTime(account.expiresAt, ctx.lang);
    const message = say(
      `Un lien d’activation a été envoyé à cette adresse (${account.email}) : ${account.displayName} y choisira son mot de passe. Il reste valable jusqu’au ${until}.`,
      `An activation link was sent to this address (${account.email}): ${account.displayName} will choose their password there. It stays valid until ${until}.`,
    );
    return { ...account, message: message[ctx.lang] };
  }

  @FieldResolver(() => ImageRef, {
    nullable: true,
    description: 'The uploaded logo, with its alt text (else `logoUrl`, typed by hand before uploads).',
  })
  logo(@Root() organization: OrganizationRoot): ImageRef | null {
    return imageRef(organization.logoFileId, organization.logoAlt);
  }

  @FieldResolver(() => MembershipConnection, { description: 'Members and their roles.' })
  async members(@Root() organization: Organization, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    return organizations.membersOf(ctx.em, organization, args);
  }

  @FieldResolver(() => MemberRole, { nullable: true, description: "The signed-in user's role here, if any." })
  async myRole(
    @Root() organization: Organization,
    @CurrentViewer() viewer: Viewer | null,
    @Ctx() ctx: Context,
  ): Promise<MemberRole | null> {
    return organizations.roleIn(ctx.em, organization.id, viewer);
  }

  @FieldResolver(() => String, {
    description: 'The time zone of the place\'s territory ("Europe/Paris", "Pacific/Noumea"…): its dates are written on that clock.',
  })
  timeZone(@Root() organization: OrganizationRoot): string {
    return timeZoneOfPlace(organization);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "Open now, from `horaires` read in the place's own time zone (Paris, Nouméa…); null without readable hours.",
  })
  openNow(@Root() organization: OrganizationRoot, @Ctx() ctx: Context): boolean | null {
    return organization.horaires ? isOpenAt(organization.horaires, now(ctx), timeZoneOfPlace(organization)) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: '"Ouvert · ferme à 18 h", "Fermé · ouvre lundi à 9 h 30", in the place\'s own time.',
  })
  openingStatus(@Root() organization: OrganizationRoot, @Ctx() ctx: Context): string | null {
    const description = describeOpening(organization.horaires, now(ctx), timeZoneOfPlace(organization));
    return description ? description[ctx.lang] : null;
  }

  @FieldResolver(() => [WeekDayHours], {
    nullable: true,
    description: "This week in the place's own time zone, Monday first, in the request's language.",
  })
  openingWeek(@Root() organization: OrganizationRoot, @Ctx() ctx: Context): WeekDayHours[] | null {
    return weekInWords(organization.horaires, now(ctx), timeZoneOfPlace(organization), ctx.lang);
  }

  @FieldResolver(() => [OpeningRange], {
    nullable: true,
    description: "This week's opening ranges in the place's own time zone, Monday first (schema.org's openingHoursSpecification).",
  })
  openingRanges(@Root() organization: OrganizationRoot, @Ctx() ctx: Context): OpeningRange[] | null {
    return weeklyRanges(organization.horaires, now(ctx), timeZoneOfPlace(organization));
  }

  @FieldResolver(() => [PlaceSourceView], {
    description: 'The sources that gave this place (imports), each with the date of its data; empty for a place created in Maillage.',
  })
  async sources(@Root() organization: OrganizationRoot, @Ctx() ctx: Context): Promise<PlaceSourceView[]> {
    return placeSources(ctx.em, organization.id);
  }

  @FieldResolver(() => [OrganizationRef], { description: 'The networks this organization belongs to.' })
  async networks(@Root() organization: OrganizationRoot, @Ctx() ctx: Context): Promise<OrganizationRef[]> {
    const preloaded = (organization as PlaceRow).networkSummaries;
    if (preloaded) return preloaded as OrganizationRef[];
    return networks.networksOf(ctx.em, organization.id);
  }

  @FieldResolver(() => OrganizationConnection, { description: 'For a network: its member organizations.' })
  async networkMembers(@Root() organization: Organization, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    return searchOrganizations(ctx.em, { networkId: organization.id }, args);
  }

  @FieldResolver(() => [NetworkMembership], {
    description: "For a network's admins: the requests to join waiting for an answer (empty for others).",
  })
  async pendingNetworkRequests(
    @Root() organization: Organization,
    @CurrentViewer() viewer: Viewer | null,
    @Ctx() ctx: Context,
  ): Promise<NetworkMembership[]> {
    return networks.pendingRequestsSeenBy(ctx.em, organization.id, viewer);
  }

  @FieldResolver(() => [NetworkMembership], {
    description: "For the organization's admins: its requests and memberships in networks (empty for others).",
  })
  async myNetworkRequests(
    @Root() organization: Organization,
    @CurrentViewer() viewer: Viewer | null,
    @Ctx() ctx: Context,
  ): Promise<NetworkMembership[]> {
    return networks.networkRequestsSeenBy(ctx.em, organization.id, viewer);
  }
}
