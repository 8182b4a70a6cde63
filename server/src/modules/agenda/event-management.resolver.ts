import { Arg, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import type { User } from '../comptes/user.entity.js';
import { Organization } from '../reseau/organization.entity.js';
import { CoOrganizationAnswerInput, EventIdInput, RegistrationIdInput } from './agenda.input.js';
import { MessageReach } from './agenda.types.js';
import { messageReach } from './event-messages.service.js';
import { promoteRegistration, removeRegistration } from './registration-management.js';
import { loaders } from './agenda.loaders.js';
import { invitationsFor, invitationsOf, respondToCoOrganization } from './co-organizers.js';
import { AgendaEvent, CoOrganizationStatus, type EventCoOrganizer } from './event.entity.js';
import { deleteEvent, publishEvent } from './events.service.js';

@ObjectType({ description: 'An organization invited to co-organize an event, and its answer.' })
export class CoOrganizerInvitation {
  @Field(() => Organization) organization!: Organization;
  @Field(() => CoOrganizationStatus) status!: CoOrganizationStatus;
  @Field(() => Date) invitedAt!: Date;
  @Field(() => Date, { nullable: true }) respondedAt!: Date | null;
}

function invitation(row: EventCoOrganizer): CoOrganizerInvitation {
  return {
    organization: row.organization as Organization,
    status: row.status,
    invitedAt: row.invitedAt,
    respondedAt: row.respondedAt ?? null,
  };
}

/** Drafts (publish, delete), co-organizers' invitations, and the organizers' hand on one registration. */
@Resolver(() => AgendaEvent)
export class EventManagementResolver {
  @Authorized('VERIFIED')
  @Mutation(() => Boolean, {
    description: 'Deletes a draft you organize. A published event cannot be deleted: cancel it instead.',
  })
  async deleteEvent(@Arg('input', () => EventIdInput) input: EventIdInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return deleteEvent(ctx.em, user, input.eventId);
  }

  @Authorized('VERIFIED')
  @Mutation(() => AgendaEvent, { description: 'Publishes a draft (and the other drafts of its cycle).' })
  async publishEvent(@Arg('input', () => EventIdInput) input: EventIdInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return publishEvent(ctx.em, user, input.eventId);
  }

  @Authorized('VERIFIED')
  @Mutation(() => CoOrganizerInvitation, {
    description: 'Accepts, for an organization you administer, to co-organize an event (every session of a cycle).',
  })
  async acceptCoOrganization(
    @Arg('input', () => CoOrganizationAnswerInput) input: CoOrganizationAnswerInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<CoOrganizerInvitation> {
    return invitation(await respondToCoOrganization(ctx.em, user, input, true));
  }

  @Authorized('VERIFIED')
  @Mutation(() => CoOrganizerInvitation, {
    description: 'Declines (or withdraws from) co-organizing an event, for an organization you administer.',
  })
  async declineCoOrganization(
    @Arg('input', () => CoOrganizationAnswerInput) input: CoOrganizationAnswerInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<CoOrganizerInvitation> {
    return invitation(await respondToCoOrganization(ctx.em, user, input, false));
  }

  @Authorized('VERIFIED')
  @Mutation(() => AgendaEvent, {
    description: 'Removes a registration of an event you organize (the person is told); a seat it held goes to the first person waiting.',
  })
  async removeRegistration(
    @Arg('input', () => RegistrationIdInput) input: RegistrationIdInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return removeRegistration(ctx.em, user, input.registrationId);
  }

  @Authorized('VERIFIED')
  @Mutation(() => AgendaEvent, {
    description: 'Confirms someone on the waitlist of an event you organize (they are told); a full event gets one more seat.',
  })
  async promoteRegistration(
    @Arg('input', () => RegistrationIdInput) input: RegistrationIdInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return promoteRegistration(ctx.em, user, input.registrationId);
  }

  @FieldResolver(() => MessageReach, {
    nullable: true,
    description: 'Whom "Écrire aux inscrits" reaches on this event: for the organizers only (null for others).',
  })
  async messageReach(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<MessageReach | null> {
    if (!(await loaders(ctx).canManage.load(event))) return null;
    return messageReach(ctx.em, event.id);
  }

  @FieldResolver(() => [CoOrganizerInvitation], {
    description: 'Every co-organization invitation and its answer: for the organizers only (empty for others).',
  })
  async coOrganizerInvitations(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<CoOrganizerInvitation[]> {
    if (!(await loaders(ctx).canManage.load(event))) return [];
    return (await invitationsOf(ctx.em, event.id)).map(invitation);
  }

  @FieldResolver(() => [CoOrganizerInvitation], {
    description: 'The invitations to co-organize it sent to organizations the signed-in person administers (to answer them).',
  })
  async myCoOrganizationInvitations(
    @Root() event: AgendaEvent,
    @CurrentViewer() viewer: Viewer | null,
    @Ctx() ctx: Context,
  ): Promise<CoOrganizerInvitation[]> {
    return (await invitationsFor(ctx.em, event.id, viewer)).map(invitation);
  }
}
