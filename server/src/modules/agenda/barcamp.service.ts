import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../db/sql.js';
import { FieldErrors, badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { User } from '../comptes/user.entity.js';
import { AgendaEvent, EventKind } from './event.entity.js';
import { canManageEvent, getEvent, lockEvent, requireEventManager } from './events.service.js';
import { BarcampRoom, BarcampSlot, SessionInterest, SessionProposal } from './barcamp.entity.js';
import { proposeGrid, type GridProposal } from './barcamp-grid.js';
import { englishHour, eventZone, frenchHour, wallClock } from '../../shared/local-time.js';
import { Registration, RegistrationStatus } from './registration.entity.js';
import { assertCanPost } from '../commun/moderation/posting-limits.js';

const SESSION_NOT_FOUND = say('Cette session n’existe pas ou plus.', 'This session does not exist.');

function requireBarcamp(event: AgendaEvent): void {
  if (event.kind !== EventKind.BARCAMP) {
    throw badInput({ eventId: say('Cet événement n’est pas un barcamp.', 'This event is not a barcamp.') });
  }
}

async function getSession(em: EntityManager, sessionId: string): Promise<SessionProposal> {
  const session = /^[0-9a-f-]{36}$/i.test(sessionId)
    ? await em.findOne(SessionProposal, { id: sessionId }, { populate: ['event', 'event.organizer', 'speakers'] })
    : null;
  if (!session) throw notFound(SESSION_NOT_FOUND);
  return session;
}

/**
 * A participant proposes a session. Participants are the people registered to the barcamp
 * (confirmed or waiting) and its organizers. The proposer speaks in it, with the speakers they name.
 */
export async function proposeSession(
  em: EntityManager,
  user: User,
  input: { eventId: string; title: string; pitch?: string | null; theme?: string | null; speakerIds?: string[] | null },
): Promise<SessionProposal> {
  const event = await getEvent(em, input.eventId);
  requireBarcamp(event);
  const registered = await em.count(Registration, {
    event,
    user: user.id,
    status: { $in: [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED] },
  });
  if (!registered && !(await canManageEvent(em, event, user))) {
    throw forbidden(say('Inscrivez-vous au barcamp pour y proposer une session.', 'Register to the barcamp to propose a session.'));
  }
  if (event.endsAt <= new Date()) throw conflict(say('Ce barcamp est terminé.', 'This barcamp is over.'));

  const errors = new FieldErrors();
  const title = input.title.trim();
  if (title.length < 3)
    errors.add(
      'title',
      say('Donnez un titre à votre session (au moins 3 caractères).', 'Give your session a title (at least 3 characters).'),
    );
  if (title.length > 200)
    errors.add('title', say('Le titre ne peut pas dépasser 200 caractères.', 'The title cannot exceed 200 characters.'));
  const pitch = (input.pitch ?? '').trim();
  if (pitch.length > 5000)
    errors.add('pitch', say('Le résumé ne peut pas dépasser 5 000 caractères.', 'The pitch cannot exceed 5,000 characters.'));
  const theme = input.theme?.trim() || null;
  if (theme && event.themes.length && !event.themes.includes(theme)) {
    errors.add(
      'theme',
      say(`Choisissez une des thématiques : ${event.themes.join(', ')}.`, `Choose one of the themes: ${event.themes.join(', ')}.`),
    );
  }
  const speakerIds = [...new Set([user.id, ...(input.speakerIds ?? [])])];
  const speakers = await em.find(User, { id: { $in: speakerIds } });
  if (speakers.length !== speakerIds.length)
    errors.add('speakerIds', say('Un des intervenants n’a pas de compte.', 'One of the speakers has no account.'));
  if (speakerIds.length > 6) errors.add('speakerIds', say('Une session a au plus 6 intervenants.', 'A session has 6 speakers at most.'));
  errors.throwIfAny();
  await assertCanPost(em, user, 'agenda.session');

  const session = em.create(SessionProposal, { event, title, pitch, theme, proposer: user.id });
  session.speakers.set(speakers);
  await em.flush();
  return session;
}

/** Marks (or removes) the signed-in person's interest in a session. */
export async function markInterest(em: EntityManager, user: User, sessionId: string, interested: boolean): Promise<SessionProposal> {
  const session = await getSession(em, sessionId);
  if (session.hiddenAt) throw notFound(SESSION_NOT_FOUND);
  if (interested) {
    // Twice the same click counts once.
    await execute(
      em,
      sql`insert into barcamp_interest (id, session_id, user_id) values (gen_random_uuid(), ${session.id}, ${user.id})
       on conflict (session_id, user_id) do nothing`,
    );
  } else {
    await em.nativeDelete(SessionInterest, { session: session.id, user: user.id });
  }
  return session;
}

export interface GridInput {
  eventId: string;
  rooms: Array<{ id?: string | null; name: string; capacity: number }>;
  slots: Array<{ id?: string | null; startsAt?: Date | null; endsAt?: Date | null; localStart?: string | null; localEnd?: string | null }>;
}

/**
 * The organizers define the rooms and time slots of the grid. Rooms and slots keep their id when
 * given; those left out are removed, and sessions placed there go back to "not placed yet".
 */
export async function saveGrid(em: EntityManager, user: User, input: GridInput): Promise<AgendaEvent> {
  const found = await getEvent(em, input.eventId);
  requireBarcamp(found);
  await requireEventManager(em, found, user);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.id);
    const errors = new FieldErrors();
    const rooms = await tx.find(BarcampRoom, { event });
    const slots = await tx.find(BarcampSlot, { event });

    const keptRooms = new Set<string>();
    const names = new Set<string>();
    input.rooms.forEach((room, index) => {
      const name = room.name.trim();
      if (!name) errors.add(`rooms.${index}.name`, say('Donnez un nom à la salle.', 'Give the room a name.'));
      else if (names.has(name.toLowerCase()))
        errors.add(`rooms.${index}.name`, say(`Deux salles s’appellent « ${name} ».`, `Two rooms are called "${name}".`));
      names.add(name.toLowerCase());
      if (!Number.isInteger(room.capacity) || room.capacity < 1 || room.capacity > 10_000) {
        errors.add(
          `rooms.${index}.capacity`,
          say('Indiquez le nombre de places de la salle (au moins 1).', 'Enter how many seats the room has (at least 1).'),
        );
      }
      const existing = room.id ? rooms.find((r) => r.id === room.id) : undefined;
      if (room.id && !existing) errors.add(`rooms.${index}.id`, say('Cette salle n’existe plus.', 'This room no longer exists.'));
      if (existing) {
        keptRooms.add(existing.id);
        existing.name = name;
        existing.capacity = room.capacity;
      } else if (!room.id) tx.create(BarcampRoom, { event, name, capacity: room.capacity });
    });

    const keptSlots = new Set<string>();
    const zone = eventZone(event);
    input.slots.forEach((slot, index) => {
      const startsAt = slot.localStart ? wallClock(slot.localStart, zone) : (slot.startsAt ?? null);
      const endsAt = slot.localEnd ? wallClock(slot.localEnd, zone) : (slot.endsAt ?? null);
      if (!startsAt || !endsAt || endsAt <= startsAt) {
        errors.add(
          `slots.${index}`,
          say('Chaque créneau a un début et une fin après le début.', 'Each slot has a start and an end after it.'),
        );
        return;
      }
      if (startsAt < event.startsAt || endsAt > event.endsAt) {
        errors.add(
          `slots.${index}`,
          say(
            `Le créneau de ${frenchHour(startsAt, zone)} doit être pendant le barcamp (de ${frenchHour(event.startsAt, zone)} à ${frenchHour(event.endsAt, zone)}).`,
            `The ${englishHour(startsAt, zone)} slot must be within the barcamp (from ${englishHour(event.startsAt, zone)} to ${englishHour(event.endsAt, zone)}).`,
          ),
        );
      }
      const existing = slot.id ? slots.find((s) => s.id === slot.id) : undefined;
      if (slot.id && !existing) errors.add(`slots.${index}.id`, say('Ce créneau n’existe plus.', 'This slot no longer exists.'));
      if (existing) {
        keptSlots.add(existing.id);
        existing.startsAt = startsAt;
        existing.endsAt = endsAt;
      } else if (!slot.id) tx.create(BarcampSlot, { event, startsAt, endsAt });
    });
    errors.throwIfAny();
    for (const room of rooms) if (!keptRooms.has(room.id)) tx.remove(room);
    for (const slot of slots) if (!keptSlots.has(slot.id)) tx.remove(slot);
    await tx.flush();
    // Changed times may now put a speaker in two rooms at once: such placements are undone.
    const placed = await tx.find(SessionProposal, { event, slot: { $ne: null } }, { populate: ['speakers', 'slot', 'room'] });
    const clash = conflicts(placed);
    for (const session of clash) Object.assign(session, { room: null, slot: null });
    await tx.flush();
    return event;
  });
}

function overlaps(a: BarcampSlot, b: BarcampSlot): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** Sessions that share a speaker with an earlier-placed session at an overlapping time. */
function conflicts(sessions: SessionProposal[]): SessionProposal[] {
  const bad: SessionProposal[] = [];
  const ok: SessionProposal[] = [];
  for (const session of sessions) {
    const ids = new Set(session.speakers.getItems().map((s) => s.id));
    const clash = ok.some((other) => overlaps(other.slot!, session.slot!) && other.speakers.getItems().some((s) => ids.has(s.id)));
    (clash ? bad : ok).push(session);
  }
  return bad;
}

/**
 * Places a session in a room and a slot (or takes it off the grid with both null). Refused with a
 * clear message when the room is taken then, or when one of its speakers speaks elsewhere then.
 */
export async function scheduleSession(
  em: EntityManager,
  user: User,
  input: { sessionId: string; roomId?: string | null; slotId?: string | null },
): Promise<SessionProposal> {
  const found = await getSession(em, input.sessionId);
  await requireEventManager(em, found.event, user);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.event.id);
    const session = await tx.findOneOrFail(SessionProposal, { id: found.id }, { populate: ['speakers'] });
    if (!input.roomId && !input.slotId) {
      Object.assign(session, { room: null, slot: null });
      await tx.flush();
      return session;
    }
    const errors = new FieldErrors();
    const room = input.roomId ? await tx.findOne(BarcampRoom, { id: input.roomId, event }) : null;
    const slot = input.slotId ? await tx.findOne(BarcampSlot, { id: input.slotId, event }) : null;
    if (!room) errors.add('roomId', say('Choisissez une salle de ce barcamp.', 'Choose a room of this barcamp.'));
    if (!slot) errors.add('slotId', say('Choisissez un créneau de ce barcamp.', 'Choose a slot of this barcamp.'));
    errors.throwIfAny();

    const others = await tx.find(
      SessionProposal,
      { event, id: { $ne: session.id }, slot: { $ne: null } },
      { populate: ['speakers', 'slot', 'room'] },
    );
    const zone = eventZone(event);
    const occupant = others.find((other) => other.room?.id === room!.id && other.slot!.id === slot!.id);
    if (occupant) {
      throw conflict(
        say(
          `La salle « ${room!.name} » est déjà prise à ${frenchHour(slot!.startsAt, zone)} par « ${occupant.title} ».`,
          `Room "${room!.name}" is already taken at ${englishHour(slot!.startsAt, zone)} by "${occupant.title}".`,
        ),
      );
    }
    const speakerIds = new Set(session.speakers.getItems().map((s) => s.id));
    for (const other of others) {
      if (!overlaps(other.slot!, slot!)) continue;
      const busy = other.speakers.getItems().find((s) => speakerIds.has(s.id));
      if (busy) {
        throw conflict(
          say(
            `${busy.displayName} intervient déjà à ce moment-là dans « ${other.title} » (salle « ${other.room!.name} », ${frenchHour(other.slot!.startsAt, zone)}) : on ne peut pas être dans deux salles à la fois.`,
            `${busy.displayName} already speaks then in "${other.title}" (room "${other.room!.name}", ${englishHour(other.slot!.startsAt, zone)}): nobody can be in two rooms at once.`,
          ),
        );
      }
    }
    session.room = room;
    session.slot = slot;
    await tx.flush();
    return session;
  });
}

/**
 * Proposes a whole grid from the interest marks (barcamp-grid.ts): as few people as possible find
 * two sessions they want at the same time, never a speaker in two rooms at once, rooms that hold
 * their audience. It replaces the current placement; the organizers then adjust it with
 * scheduleSession. Says how many sessions were placed and how many clashes remain.
 */
export async function autoSchedule(em: EntityManager, user: User, eventId: string): Promise<GridProposal> {
  const found = await getEvent(em, eventId);
  requireBarcamp(found);
  await requireEventManager(em, found, user);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.id);
    const rooms = await tx.find(BarcampRoom, { event }, { orderBy: { capacity: 'desc', name: 'asc' } });
    const slots = await tx.find(BarcampSlot, { event }, { orderBy: { startsAt: 'asc' } });
    if (!rooms.length || !slots.length) {
      throw badInput({
        grid: say('Définissez d’abord les salles et les créneaux du barcamp.', 'Define the rooms and slots of the barcamp first.'),
      });
    }
    const sessions = await tx.find(SessionProposal, { event, hiddenAt: null }, { populate: ['speakers'], orderBy: { createdAt: 'asc' } });
    const interested = new Map<string, string[]>();
    for (const row of await query<{ session_id: string; user_id: string }>(
      tx,
      sql`select i.session_id, i.user_id from barcamp_interest i join barcamp_session s on s.id = i.session_id
          where s.event_id = ${event.id}`,
    )) {
      interested.set(row.session_id, [...(interested.get(row.session_id) ?? []), row.user_id]);
    }
    const proposal = proposeGrid(
      sessions.map((session) => ({
        id: session.id,
        speakerIds: session.speakers.getItems().map((speaker) => speaker.id),
        interestedIds: interested.get(session.id) ?? [],
      })),
      rooms.map((room) => ({ id: room.id, capacity: room.capacity })),
      slots.map((slot) => ({ id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt })),
      { seed: event.id },
    );
    // Two flushes so the (room, slot) uniqueness never sees a half-moved grid.
    await tx.nativeUpdate(SessionProposal, { event }, { room: null, slot: null });
    for (const session of sessions) Object.assign(session, { room: null, slot: null });
    await tx.flush();
    const roomById = new Map(rooms.map((room) => [room.id, room]));
    const slotById = new Map(slots.map((slot) => [slot.id, slot]));
    const sessionById = new Map(sessions.map((session) => [session.id, session]));
    for (const placement of proposal.placements) {
      Object.assign(sessionById.get(placement.sessionId)!, { room: roomById.get(placement.roomId), slot: slotById.get(placement.slotId) });
    }
    await tx.flush();
    return proposal;
  });
}

/** The restitution of a session, written by its speakers (or the organizers) once it has started. */
export async function saveNotes(em: EntityManager, user: User, input: { sessionId: string; notes: string }): Promise<SessionProposal> {
  const session = await getSession(em, input.sessionId);
  const isSpeaker = session.speakers.getItems().some((s) => s.id === user.id);
  if (!isSpeaker && !(await canManageEvent(em, session.event, user))) {
    throw forbidden(
      say(
        'Seuls les intervenants de la session et les organisateurs écrivent sa restitution.',
        "Only the session's speakers and the organizers write its notes.",
      ),
    );
  }
  await em.populate(session, ['slot']);
  const startsAt = session.slot?.startsAt ?? session.event.startsAt;
  if (startsAt > new Date()) {
    throw conflict(say('La restitution s’écrit une fois la session commencée.', 'Notes are written once the session has started.'));
  }
  if (input.notes.length > 50_000)
    throw badInput({ notes: say('La restitution ne peut pas dépasser 50 000 caractères.', 'Notes cannot exceed 50,000 characters.') });
  session.notes = input.notes;
  session.notesUpdatedAt = new Date();
  await em.flush();
  return session;
}
