import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ImageRef, imageRef } from '../fichiers/fichiers.types.js';
import { overHttp, type Context } from '../../graphql/context.js';
import { CurrentUser, isModerator, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import { forbidden } from '../../graphql/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import type { User } from '../comptes/user.entity.js';
import { Organization } from '../reseau/organization.entity.js';
import {
  AttendeesArgs,
  CancelEventInput,
  CancelRegistrationInput,
  MessageRegistrantsInput,
  CreateEventInput,
  EventsArgs,
  MyRegistrationsArgs,
  RegisterToEventInput,
  RegisterToSeriesInput,
  UpdateEventInput,
} from './agenda.input.js';
import { loaders } from './agenda.loaders.js';
import { listAttendees, listEvents, listSessions } from './agenda.queries.js';
import {
  AttendeeConnection,
  BarcampSession,
  CalendarLink,
  EventCard,
  EventCardConnection,
  EventMessage as EventMessageType,
  RegistrationResult,
  RegistrationStateValue,
  SEATS_CACHE_HINT,
} from './agenda.types.js';
import { BarcampRoom, BarcampSlot } from './barcamp.entity.js';
import * as calendarLinks from './calendar-link.service.js';
import { cancelEvent } from './event-cancellation.js';
import { eventMessages, messageRegistrants } from './event-messages.service.js';
import { AgendaEvent, EventSeries } from './event.entity.js';
import * as events from './events.service.js';
import { englishSpan, eventZone, frenchSpan } from '../../shared/local-time.js';
import { Registration, RegistrationStatus } from './registration.entity.js';
import * as registrations from './registrations.service.js';

export function publicOrigin(ctx: Context): string {
  if (ctx.config.publicUrl) return ctx.config.publicUrl.replace(/\/$/, '');
  const { req } = overHttp(ctx);
  return `${req.protocol}://${req.get('x-forwarded-host') ?? req.get('host')}`.replace(/\/$/, '');
}

function result(outcome: registrations.RegistrationOutcome | Registration): RegistrationResult {
  const registration = 'registration' in outcome ? outcome.registration : outcome;
  return {
    eventId: registration.event.id,
    status: registration.status,
    waitlistPosition: 'registration' in outcome ? outcome.waitlistPosition : null,
    confirmedAt: registration.confirmedAt ?? null,
  };
}

@Resolver(() => AgendaEvent)
export class AgendaResolver {
  @Query(() => EventCardConnection, {
    description: 'Upcoming events (soonest first), filtered by date, kind, level, département, distance or organization.',
  })
  async events(@Args(() => EventsArgs) args: EventsArgs, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context) {
    return listEvents(ctx.em, args, args, viewer?.id ?? null);
  }

  @Query(() => AgendaEvent, { nullable: true })
  async event(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context): Promise<AgendaEvent | null> {
    return events.findVisibleEvent(ctx.em, id, viewer);
  }

  @Query(() => EventSeries, { nullable: true, description: 'A weekly cycle and its sessions.' })
  async eventSeries(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<EventSeries | null> {
    return events.isUuid(id) ? ctx.em.findOne(EventSeries, { id }) : null;
  }

  @Authorized()
  @Query(() => EventCardConnection, { description: "The signed-in person's registrations (confirmed or waiting), upcoming by default." })
  async myRegistrations(@Args(() => MyRegistrationsArgs) args: MyRegistrationsArgs, @CurrentUser() user: User, @Ctx() ctx: Context) {
    const filters = args.past ? { from: null, to: new Date(), descending: true } : { from: new Date() };
    return listEvents(ctx.em, { ...filters, registeredUserId: user.id }, args, user.id);
  }

  @Authorized()
  @Query(() => Boolean, { description: 'Whether the signed-in person has a private "my agenda" calendar link.' })
  async hasCalendarLink(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return calendarLinks.hasCalendarToken(ctx.em, user);
  }

  @Authorized('VERIFIED')
  @Mutation(() => AgendaEvent, {
    description: 'Publishes an event (or a weekly cycle: the first session is returned) for an organization you edit.',
  })
  async createEvent(@Arg('input', () => CreateEventInput) input: CreateEventInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return events.createEvent(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => AgendaEvent, { description: 'Changes an event; registered people are told when its time or place changes.' })
  async updateEvent(@Arg('input', () => UpdateEventInput) input: UpdateEventInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return events.updateEvent(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => EventMessageType, {
    description: 'Writes to the people registered to an event you organize (or to its whole cycle); kept on its page for them.',
  })
  async messageRegistrants(
    @Arg('input', () => MessageRegistrantsInput) input: MessageRegistrantsInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<EventMessageType> {
    const { message, unreachableCount } = await messageRegistrants(ctx.em, user, input);
    return {
      unreachableCount,
      id: message.id,
      body: message.body,
      authorName: user.displayName,
      createdAt: message.createdAt,
      includesWaitlisted: message.includesWaitlisted,
      wholeCycle: message.wholeCycle,
      recipientCount: message.recipientCount,
    };
  }

  @Authorized('VERIFIED')
  @Mutation(() => AgendaEvent, {
    description: 'Cancels an event you organize: it stays visible as cancelled and every registered person is told.',
  })
  async cancelEvent(@Arg('input', () => CancelEventInput) input: CancelEventInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return cancelEvent(ctx.em, user, input);
  }

  @Authorized('VERIFIED')
  @Mutation(() => RegistrationResult, {
    description: 'A seat while there is one, otherwise a place on the waitlist (first in, first out).',
  })
  async registerToEvent(
    @Arg('input', () => RegisterToEventInput) input: RegisterToEventInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return result(await registrations.registerToEvent(ctx.em, user, input.eventId));
  }

  @Authorized('VERIFIED')
  @Mutation(() => [RegistrationResult], { description: 'Registers to every session of a weekly cycle that is still open.' })
  async registerToSeries(
    @Arg('input', () => RegisterToSeriesInput) input: RegisterToSeriesInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return (await registrations.registerToSeries(ctx.em, user, input.seriesId)).map(result);
  }

  @Authorized()
  @Mutation(() => RegistrationResult, { description: 'Frees your seat (the first waiting person gets it) or leaves the waitlist.' })
  async cancelRegistration(
    @Arg('input', () => CancelRegistrationInput) input: CancelRegistrationInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return result(await registrations.cancelRegistration(ctx.em, user, input.eventId));
  }

  @Authorized()
  @Mutation(() => CalendarLink, { description: 'A new private address for "my agenda"; the previous one stops working.' })
  async renewCalendarLink(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<CalendarLink> {
    const token = await calendarLinks.renewCalendarToken(ctx.em, user);
    return { url: `${publicOrigin(ctx)}/ical/me/${token}.ics` };
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Stops the private "my agenda" address.' })
  async revokeCalendarLink(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return calendarLinks.revokeCalendarToken(ctx.em, user);
  }

  @FieldResolver(() => ImageRef, { nullable: true, description: "The event's uploaded image, with its alt text." })
  image(@Root() event: AgendaEvent): ImageRef | null {
    return imageRef(event.imageFileId, event.imageAlt);
  }

  @FieldResolver(() => String)
  descriptionHtml(@Root() event: AgendaEvent): string {
    return renderMarkdown(event.description);
  }

  @FieldResolver(() => String, {
    description: 'When, written for people on the clock of the place: "lundi 2 mars 2026, 14 h 30 – 16 h" ("(heure locale)" overseas).',
  })
  dateText(@Root() event: AgendaEvent, @Ctx() ctx: Context): string {
    const span = ctx.lang === 'en' ? englishSpan : frenchSpan;
    return span(event.startsAt, event.endsAt, eventZone(event));
  }

  @FieldResolver(() => String, {
    description: 'The time zone people live by where it happens (its département\'s: "Europe/Paris", "Indian/Reunion"…).',
  })
  timeZone(@Root() event: AgendaEvent): string {
    return eventZone(event);
  }

  @FieldResolver(() => Organization)
  async organizer(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<Organization> {
    return ctx.em.findOneOrFail(Organization, { id: event.organizer.id });
  }

  @FieldResolver(() => [Organization])
  async coOrganizers(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<Organization[]> {
    return loaders(ctx).coOrganizers.load(event.id);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The place of the directory where it happens.' })
  async place(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<Organization | null> {
    return event.place ? ctx.em.findOne(Organization, { id: event.place.id }) : null;
  }

  @FieldResolver(() => EventSeries, { nullable: true })
  async series(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<EventSeries | null> {
    return event.series ? ctx.em.findOne(EventSeries, { id: event.series.id }) : null;
  }

  @Directive(SEATS_CACHE_HINT)
  @FieldResolver(() => Int)
  async confirmedCount(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<number> {
    return (await loaders(ctx).seats.load(event.id)).confirmed;
  }

  @Directive(SEATS_CACHE_HINT)
  @FieldResolver(() => Int)
  async waitlistCount(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<number> {
    return (await loaders(ctx).seats.load(event.id)).waiting;
  }

  @Directive(SEATS_CACHE_HINT)
  @FieldResolver(() => Int, { nullable: true, description: 'Seats left; null when unlimited.' })
  async remainingSeats(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<number | null> {
    if (event.capacity == null) return null;
    return Math.max(event.capacity - (await loaders(ctx).seats.load(event.id)).confirmed, 0);
  }

  @FieldResolver(() => RegistrationStateValue)
  registrationState(@Root() event: AgendaEvent): RegistrationStateValue {
    return registrations.registrationState(event) as RegistrationStateValue;
  }

  @FieldResolver(() => [EventMessageType], {
    description: 'Messages of the organizers to the people registered, newest first: shown to them and to the organizers only.',
  })
  async messages(@Root() event: AgendaEvent, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context): Promise<EventMessageType[]> {
    return eventMessages(ctx.em, event.id, viewer);
  }

  @FieldResolver(() => RegistrationResult, { nullable: true, description: "The signed-in person's registration (not cancelled), if any." })
  async myRegistration(
    @Root() event: AgendaEvent,
    @CurrentViewer() viewer: Viewer | null,
    @Ctx() ctx: Context,
  ): Promise<RegistrationResult | null> {
    if (!viewer) return null;
    const registration = await ctx.em.findOne(Registration, {
      event: event.id,
      user: viewer.id,
      status: { $ne: RegistrationStatus.CANCELLED },
    });
    if (!registration) return null;
    return result({ registration, waitlistPosition: await registrations.waitlistPosition(ctx.em, registration) });
  }

  @FieldResolver(() => Boolean, { description: 'The signed-in person may edit it and see its registrations.' })
  async canEdit(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<boolean> {
    return loaders(ctx).canManage.load(event);
  }

  @FieldResolver(() => Boolean, { description: 'Hidden by moderation: only its organizers and moderators still see it.' })
  hidden(@Root() event: AgendaEvent): boolean {
    return !!event.hiddenAt;
  }

  @FieldResolver(() => String, { description: 'iCalendar file of this event.' })
  calendarUrl(@Root() event: AgendaEvent, @Ctx() ctx: Context): string {
    return `${publicOrigin(ctx)}/ical/events/${event.id}.ics`;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Attendance sheet (CSV), for its organizers.' })
  async attendanceSheetUrl(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<string | null> {
    return (await loaders(ctx).canManage.load(event)) ? `${publicOrigin(ctx)}/api/agenda/events/${event.id}/emargement.csv` : null;
  }

  @Authorized()
  @FieldResolver(() => AttendeeConnection, { description: 'Confirmed people, then the waitlist in order (organizers only).' })
  async attendees(@Root() event: AgendaEvent, @Args(() => AttendeesArgs) args: AttendeesArgs, @Ctx() ctx: Context) {
    if (!(await loaders(ctx).canManage.load(event))) throw forbidden();
    return listAttendees(ctx.em, event.id, args.status ?? null, args);
  }

  @FieldResolver(() => [BarcampRoom], { description: 'Barcamp rooms, largest first.' })
  async barcampRooms(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<BarcampRoom[]> {
    return ctx.em.find(BarcampRoom, { event: event.id }, { orderBy: { capacity: 'desc', name: 'asc' } });
  }

  @FieldResolver(() => [BarcampSlot], { description: 'Barcamp time slots, in order.' })
  async barcampSlots(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<BarcampSlot[]> {
    return ctx.em.find(BarcampSlot, { event: event.id }, { orderBy: { startsAt: 'asc' } });
  }

  @FieldResolver(() => [BarcampSession], { description: 'Proposed sessions: most-wanted first, or in program order.' })
  async barcampSessions(
    @Root() event: AgendaEvent,
    @CurrentViewer() viewer: Viewer | null,
    @Ctx() ctx: Context,
    @Arg('programOrder', () => Boolean, { nullable: true }) programOrder?: boolean,
  ): Promise<BarcampSession[]> {
    const manages = await loaders(ctx).canManage.load(event);
    return listSessions(
      ctx.em,
      { eventId: event.id, viewerId: viewer?.id ?? null, includeHidden: manages || isModerator(viewer), viewerManages: manages },
      !!programOrder,
    );
  }
}

@Resolver(() => EventCard)
export class EventCardResolver {
  @FieldResolver(() => String, { description: 'The time zone people live by where it happens: its times are read on that clock.' })
  timeZone(@Root() card: EventCard): string {
    return eventZone(card);
  }
}

@Resolver(() => EventSeries)
export class EventSeriesResolver {
  @FieldResolver(() => [EventCard], { description: 'Its sessions, in order.' })
  async sessions(@Root() series: EventSeries, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context): Promise<EventCard[]> {
    const page = await listEvents(ctx.em, { seriesId: series.id, from: null }, { first: 52 }, viewer?.id ?? null);
    return page.edges.map((edge) => edge.node);
  }
}

@Resolver(() => Organization)
export class OrganizationAgendaResolver {
  @FieldResolver(() => String, { description: "iCalendar feed of the organization's events." })
  calendarUrl(@Root() organization: Organization, @Ctx() ctx: Context): string {
    return `${publicOrigin(ctx)}/ical/organizations/${organization.slug}.ics`;
  }
}
