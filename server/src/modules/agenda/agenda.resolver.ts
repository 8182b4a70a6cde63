import { sql } from './sql.js';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { isModerator, requireUser } from '../../graphql/auth.js';
import { pageWindow, toConnection } from '../../graphql/connection.js';
import { forbidden } from '../../graphql/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { Organization } from '../reseau/organization.entity.js';
import { AttendeesArgs, CancelRegistrationInput, CreateEventInput, EventsArgs, MyRegistrationsArgs, RegisterToEventInput, RegisterToSeriesInput, UpdateEventInput } from './agenda.input.js';
import { listAttendees, listEvents, listSessions } from './agenda.queries.js';
import { AttendeeConnection, BarcampSession, CalendarLink, EventCard, EventCardConnection, RegistrationResult, RegistrationStateValue } from './agenda.types.js';
import { BarcampRoom, BarcampSlot } from './barcamp.entity.js';
import * as calendarLinks from './calendar-link.service.js';
import { AgendaEvent, EventSeries } from './event.entity.js';
import * as events from './events.service.js';
import { englishDateTime, englishTime, frenchDateTime, frenchHour, sameParisDay } from './paris-time.js';
import { Registration, RegistrationStatus } from './registration.entity.js';
import * as registrations from './registrations.service.js';

export function publicOrigin(ctx: Context): string {
  return (ctx.config.publicUrl ?? `${ctx.req.protocol}://${ctx.req.get('x-forwarded-host') ?? ctx.req.get('host')}`).replace(/\/$/, '');
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

interface SeatCounts {
  confirmed: number;
  waiting: number;
}

// Several fields of one event need its counts: they are read once per event and request.
const seatCache = new WeakMap<AgendaEvent, Promise<SeatCounts>>();
function seats(ctx: Context, event: AgendaEvent): Promise<SeatCounts> {
  let counts = seatCache.get(event);
  if (!counts) {
    counts = ctx.em.getConnection()
      .execute<SeatCounts[]>(
        `select count(*) filter (where status = 'confirmed')::int as confirmed, count(*) filter (where status = 'waitlisted')::int as waiting
         from event_registration where event_id = ?`,
        [event.id],
      )
      .then(([row]) => row);
    seatCache.set(event, counts);
  }
  return counts;
}

const manageCache = new WeakMap<AgendaEvent, Promise<boolean>>();
function canManage(ctx: Context, event: AgendaEvent): Promise<boolean> {
  let answer = manageCache.get(event);
  if (!answer) {
    answer = events.canManageEvent(ctx.em, event, ctx.user);
    manageCache.set(event, answer);
  }
  return answer;
}

@Resolver(() => AgendaEvent)
export class AgendaResolver {
  @Query(() => EventCardConnection, { description: 'Upcoming events (soonest first), filtered by date, kind, level, département, distance or organization.' })
  async events(@Args(() => EventsArgs) args: EventsArgs, @Ctx() ctx: Context) {
    const page = pageWindow(args);
    const { rows, total } = await listEvents(ctx.em, args, page, ctx.user?.id ?? null);
    return toConnection(rows, page.offset, total);
  }

  @Query(() => AgendaEvent, { nullable: true })
  async event(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AgendaEvent | null> {
    return events.findVisibleEvent(ctx.em, id, ctx.user);
  }

  @Query(() => EventSeries, { nullable: true, description: 'A weekly cycle and its sessions.' })
  async eventSeries(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<EventSeries | null> {
    return events.isUuid(id) ? ctx.em.findOne(EventSeries, { id }) : null;
  }

  @Query(() => EventCardConnection, { description: "The signed-in person's registrations (confirmed or waiting), upcoming by default." })
  async myRegistrations(@Args(() => MyRegistrationsArgs) args: MyRegistrationsArgs, @Ctx() ctx: Context) {
    const user = requireUser(ctx);
    const page = pageWindow(args);
    const filters = args.past ? { from: null, to: new Date(), descending: true } : { from: new Date() };
    const { rows, total } = await listEvents(ctx.em, { ...filters, registeredUserId: user.id }, page, user.id);
    return toConnection(rows, page.offset, total);
  }

  @Query(() => Boolean, { description: 'Whether the signed-in person has a private "my agenda" calendar link.' })
  async hasCalendarLink(@Ctx() ctx: Context): Promise<boolean> {
    return calendarLinks.hasCalendarToken(ctx.em, requireUser(ctx));
  }

  @Mutation(() => AgendaEvent, { description: 'Publishes an event (or a weekly cycle: the first session is returned) for an organization you edit.' })
  async createEvent(@Arg('input', () => CreateEventInput) input: CreateEventInput, @Ctx() ctx: Context) {
    return events.createEvent(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => AgendaEvent, { description: 'Changes an event; registered people are told when its time or place changes.' })
  async updateEvent(@Arg('input', () => UpdateEventInput) input: UpdateEventInput, @Ctx() ctx: Context) {
    return events.updateEvent(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => RegistrationResult, { description: 'A seat while there is one, otherwise a place on the waitlist (first in, first out).' })
  async registerToEvent(@Arg('input', () => RegisterToEventInput) input: RegisterToEventInput, @Ctx() ctx: Context) {
    return result(await registrations.registerToEvent(ctx.em, requireUser(ctx), input.eventId));
  }

  @Mutation(() => [RegistrationResult], { description: 'Registers to every session of a weekly cycle that is still open.' })
  async registerToSeries(@Arg('input', () => RegisterToSeriesInput) input: RegisterToSeriesInput, @Ctx() ctx: Context) {
    return (await registrations.registerToSeries(ctx.em, requireUser(ctx), input.seriesId)).map(result);
  }

  @Mutation(() => RegistrationResult, { description: 'Frees your seat (the first waiting person gets it) or leaves the waitlist.' })
  async cancelRegistration(@Arg('input', () => CancelRegistrationInput) input: CancelRegistrationInput, @Ctx() ctx: Context) {
    return result(await registrations.cancelRegistration(ctx.em, requireUser(ctx), input.eventId));
  }

  @Mutation(() => CalendarLink, { description: 'A new private address for "my agenda"; the previous one stops working.' })
  async renewCalendarLink(@Ctx() ctx: Context): Promise<CalendarLink> {
    const token = await calendarLinks.renewCalendarToken(ctx.em, requireUser(ctx));
    return { url: `${publicOrigin(ctx)}/ical/me/${token}.ics` };
  }

  @Mutation(() => Boolean, { description: 'Stops the private "my agenda" address.' })
  async revokeCalendarLink(@Ctx() ctx: Context): Promise<boolean> {
    return calendarLinks.revokeCalendarToken(ctx.em, requireUser(ctx));
  }

  @FieldResolver(() => String)
  descriptionHtml(@Root() event: AgendaEvent): string {
    return renderMarkdown(event.description);
  }

  @FieldResolver(() => String, { description: 'When, written for people: "lundi 2 mars 2026, 14 h 30 – 16 h".' })
  dateText(@Root() event: AgendaEvent, @Ctx() ctx: Context): string {
    const sameDay = sameParisDay(event.startsAt, event.endsAt);
    if (ctx.lang === 'en') {
      return sameDay ? `${englishDateTime(event.startsAt).replace(' (Paris time)', '')}–${englishTime(event.endsAt)} (Paris time)` : `${englishDateTime(event.startsAt)} – ${englishDateTime(event.endsAt)}`;
    }
    return sameDay ? `${frenchDateTime(event.startsAt)} – ${frenchHour(event.endsAt)}` : `du ${frenchDateTime(event.startsAt)} au ${frenchDateTime(event.endsAt)}`;
  }

  @FieldResolver(() => Organization)
  async organizer(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<Organization> {
    return ctx.em.findOneOrFail(Organization, { id: event.organizer.id });
  }

  @FieldResolver(() => [Organization])
  async coOrganizers(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<Organization[]> {
    return ctx.em.find(Organization, { id: { $in: (await sql<Array<{ id: string }>>(ctx.em, 'select organization_id as id from agenda_event_co_organizer where event_id = ?', [event.id],
    )).map((row) => row.id) } }, { orderBy: { name: 'asc' } });
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The place of the directory where it happens.' })
  async place(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<Organization | null> {
    return event.place ? ctx.em.findOne(Organization, { id: event.place.id }) : null;
  }

  @FieldResolver(() => EventSeries, { nullable: true })
  async series(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<EventSeries | null> {
    return event.series ? ctx.em.findOne(EventSeries, { id: event.series.id }) : null;
  }

  @FieldResolver(() => Int)
  async confirmedCount(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<number> {
    return (await seats(ctx, event)).confirmed;
  }

  @FieldResolver(() => Int)
  async waitlistCount(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<number> {
    return (await seats(ctx, event)).waiting;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Seats left; null when unlimited.' })
  async remainingSeats(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<number | null> {
    if (event.capacity == null) return null;
    return Math.max(event.capacity - (await seats(ctx, event)).confirmed, 0);
  }

  @FieldResolver(() => RegistrationStateValue)
  registrationState(@Root() event: AgendaEvent): RegistrationStateValue {
    return registrations.registrationState(event) as RegistrationStateValue;
  }

  @FieldResolver(() => RegistrationResult, { nullable: true, description: "The signed-in person's registration (not cancelled), if any." })
  async myRegistration(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<RegistrationResult | null> {
    if (!ctx.user) return null;
    const registration = await ctx.em.findOne(Registration, { event: event.id, user: ctx.user.id, status: { $ne: RegistrationStatus.CANCELLED } });
    if (!registration) return null;
    return result({ registration, waitlistPosition: await registrations.waitlistPosition(ctx.em, registration) });
  }

  @FieldResolver(() => Boolean, { description: 'The signed-in person may edit it and see its registrations.' })
  async canEdit(@Root() event: AgendaEvent, @Ctx() ctx: Context): Promise<boolean> {
    return canManage(ctx, event);
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
    return (await canManage(ctx, event)) ? `${publicOrigin(ctx)}/api/agenda/events/${event.id}/emargement.csv` : null;
  }

  @FieldResolver(() => AttendeeConnection, { description: 'Confirmed people, then the waitlist in order (organizers only).' })
  async attendees(@Root() event: AgendaEvent, @Args(() => AttendeesArgs) args: AttendeesArgs, @Ctx() ctx: Context) {
    requireUser(ctx);
    if (!(await canManage(ctx, event))) throw forbidden();
    const page = pageWindow(args);
    const { rows, total } = await listAttendees(ctx.em, event.id, args.status ?? null, page);
    return toConnection(rows, page.offset, total);
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
    @Ctx() ctx: Context,
    @Arg('programOrder', () => Boolean, { nullable: true }) programOrder?: boolean,
  ): Promise<BarcampSession[]> {
    const manages = await canManage(ctx, event);
    return listSessions(ctx.em, { eventId: event.id, viewerId: ctx.user?.id ?? null, includeHidden: manages || isModerator(ctx.user), viewerManages: manages }, !!programOrder);
  }
}

@Resolver(() => EventSeries)
export class EventSeriesResolver {
  @FieldResolver(() => [EventCard], { description: 'Its sessions, in order.' })
  async sessions(@Root() series: EventSeries, @Ctx() ctx: Context): Promise<EventCard[]> {
    return (await listEvents(ctx.em, { seriesId: series.id, from: null }, { limit: 52, offset: 0 }, ctx.user?.id ?? null)).rows;
  }
}

@Resolver(() => Organization)
export class OrganizationAgendaResolver {
  @FieldResolver(() => String, { description: "iCalendar feed of the organization's events." })
  calendarUrl(@Root() organization: Organization, @Ctx() ctx: Context): string {
    return `${publicOrigin(ctx)}/ical/organizations/${organization.slug}.ics`;
  }
}
