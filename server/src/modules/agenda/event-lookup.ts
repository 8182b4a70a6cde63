/**
 * Finding one event: shared by the events and the registrations services (kept apart from both so
 * that neither imports the other in a loop).
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { AgendaEvent } from './event.entity.js';

export const EVENT_NOT_FOUND = say('Cet événement n’existe pas ou plus.', 'This event does not exist.');

export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

export async function getEvent(em: EntityManager, id: string): Promise<AgendaEvent> {
  const event = isUuid(id) ? await em.findOne(AgendaEvent, { id }, { populate: ['organizer'] }) : null;
  if (!event) throw notFound(EVENT_NOT_FOUND);
  return event;
}

export function eventLink(eventId: string): string {
  return `/agenda/evenements/${eventId}`;
}

/** `select … for update` on the event row: every change of its registrations happens one at a time. */
export async function lockEvent(em: EntityManager, id: string): Promise<AgendaEvent> {
  const event = await em.findOne(AgendaEvent, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['organizer'] });
  if (!event) throw notFound(EVENT_NOT_FOUND);
  return event;
}
