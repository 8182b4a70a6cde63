/**
 * Co-organizers are invited, not named: an organization appears on an event (page, lists, iCal,
 * JSON-LD) and its admins and editors manage it only once one of its admins accepted.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, forbidden, notFound, type FieldErrors } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { MemberRole, Membership } from '../reseau/membership.entity.js';
import { Organization } from '../reseau/organization.entity.js';
import { EVENT_NOT_FOUND, eventLink, isUuid } from './event-lookup.js';
import { AgendaEvent, CoOrganizationStatus, EventCoOrganizer } from './event.entity.js';
import { englishDateTime, eventZone, frenchDateTime } from '../../shared/local-time.js';
import type { Viewer } from '../comptes/viewer.js';

export const CO_ORGANIZATION_KIND = 'agenda.co-organisation';
const MAX_CO_ORGANIZERS = 20;

/** The organizations asked for, checked: they exist, at most 20, never the organizer itself. */
export async function readCoOrganizers(
  em: EntityManager,
  organizerId: string,
  ids: string[] | null,
  errors: FieldErrors,
): Promise<Organization[] | null> {
  const wanted = [...new Set(ids ?? [])].filter((id) => id !== organizerId);
  if (wanted.length > MAX_CO_ORGANIZERS) {
    errors.add('coOrganizerIds', say('Invitez au plus 20 organisations.', 'Invite 20 organizations at most.'));
    return null;
  }
  const found = wanted.length && wanted.every(isUuid) ? await em.find(Organization, { id: { $in: wanted } }) : [];
  if (found.length !== wanted.length) {
    errors.add(
      'coOrganizerIds',
      say('Une des organisations co-organisatrices n’existe pas.', 'One of the co-organizing organizations does not exist.'),
    );
    return null;
  }
  return found;
}

/**
 * Makes the invitations of `events` (one event, or the sessions of a cycle) those of `organizations`:
 * new ones are pending and their admins are told once; removed ones go; the others keep their answer.
 */
export async function setCoOrganizers(em: EntityManager, events: AgendaEvent[], organizations: Organization[], actor: User): Promise<void> {
  if (!events.length) return;
  const wanted = new Set(organizations.map((organization) => organization.id));
  const existing = await em.find(EventCoOrganizer, { event: { $in: events.map((event) => event.id) } });
  const invitedSomewhere = new Set<string>();
  for (const row of existing) {
    if (!wanted.has(row.organization.id)) em.remove(row);
  }
  for (const event of events) {
    for (const organization of organizations) {
      if (existing.some((row) => row.event.id === event.id && row.organization.id === organization.id)) continue;
      em.create(EventCoOrganizer, { event, organization, invitedBy: actor });
      invitedSomewhere.add(organization.id);
    }
  }
  await em.flush();
  const first = events[0]!;
  for (const organizationId of invitedSomewhere) {
    const admins = await em.find(Membership, { organization: organizationId, role: MemberRole.ADMIN }, { fields: ['user'] });
    const organization = organizations.find((one) => one.id === organizationId)!;
    const organizer = await em.findOneOrFail(Organization, { id: first.organizer.id });
    await notify(
      em,
      admins.map((membership) => membership.user.id),
      {
        kind: CO_ORGANIZATION_KIND,
        text: say(
          `${organizer.name} invite ${organization.name} à co-organiser « ${first.title} » (${frenchDateTime(first.startsAt, eventZone(first))}). Acceptez ou refusez sur la page de l’événement.`,
          `${organizer.name} invites ${organization.name} to co-organize "${first.title}" (${englishDateTime(first.startsAt, eventZone(first))}). Accept or decline on the event page.`,
        ),
        link: `${eventLink(first.id)}#co-organisation`,
      },
      actor.id,
    );
  }
}

/** The organizations that accepted, for the events of the given ids. */
export async function acceptedCoOrganizerIds(em: EntityManager, eventId: string): Promise<string[]> {
  const rows = await em.find(EventCoOrganizer, { event: eventId, status: CoOrganizationStatus.ACCEPTED }, { fields: ['organization'] });
  return rows.map((row) => row.organization.id);
}

/** Admins and editors of the organizer, or of an organization that accepted to co-organize. */
export async function managesThroughOrganizations(em: EntityManager, event: AgendaEvent, user: Viewer): Promise<boolean> {
  const organizations = [event.organizer.id, ...(await acceptedCoOrganizerIds(em, event.id))];
  const count = await em.count(Membership, {
    user: user.id,
    organization: { $in: organizations },
    role: { $in: [MemberRole.ADMIN, MemberRole.EDITOR] },
  });
  return count > 0;
}

/** Every invitation of an event (for its organizers' edit page), by organization name. */
export async function invitationsOf(em: EntityManager, eventId: string): Promise<EventCoOrganizer[]> {
  return em.find(EventCoOrganizer, { event: eventId }, { populate: ['organization'], orderBy: { organization: { name: 'asc' } } });
}

/** The invitations of an event that the viewer may answer: to organizations they administer. */
export async function invitationsFor(em: EntityManager, eventId: string, user: Viewer | null): Promise<EventCoOrganizer[]> {
  if (!user) return [];
  const administered = await em.find(Membership, { user: user.id, role: MemberRole.ADMIN }, { fields: ['organization'] });
  if (!administered.length) return [];
  return em.find(
    EventCoOrganizer,
    { event: eventId, organization: { $in: administered.map((membership) => membership.organization.id) } },
    { populate: ['organization'], orderBy: { organization: { name: 'asc' } } },
  );
}

/**
 * An admin of the invited organization accepts or declines (and may change their mind later: declining
 * an accepted invitation withdraws the organization). For a cycle, the answer holds for every session.
 */
export async function respondToCoOrganization(
  em: EntityManager,
  user: User,
  input: { eventId: string; organizationId: string },
  accept: boolean,
): Promise<EventCoOrganizer> {
  const notInvited = notFound(
    say(
      'Cette organisation n’est pas invitée à co-organiser cet événement.',
      'This organization is not invited to co-organize this event.',
    ),
  );
  if (!isUuid(input.eventId)) throw notFound(EVENT_NOT_FOUND);
  if (!isUuid(input.organizationId)) throw notInvited;
  const invitation = await em.findOne(
    EventCoOrganizer,
    { event: input.eventId, organization: input.organizationId },
    { populate: ['event', 'organization'] },
  );
  if (!invitation) throw notInvited;
  const membership = await em.findOne(Membership, { organization: input.organizationId, user: user.id });
  if (membership?.role !== MemberRole.ADMIN) {
    throw forbidden(
      say(
        'Seuls les administrateurs de l’organisation invitée peuvent répondre à cette invitation.',
        "Only the invited organization's admins can answer this invitation.",
      ),
    );
  }
  const event = invitation.event as AgendaEvent;
  if (event.cancelledAt) throw conflict(say('Cet événement est annulé.', 'This event is cancelled.'));
  const status = accept ? CoOrganizationStatus.ACCEPTED : CoOrganizationStatus.DECLINED;
  const rows = event.series
    ? await em.find(EventCoOrganizer, { event: { series: event.series.id }, organization: input.organizationId })
    : [invitation];
  const now = new Date();
  for (const row of rows) {
    if (row.status === status) continue;
    row.status = status;
    row.respondedAt = now;
    row.respondedBy = user;
  }
  await em.flush();
  return invitation;
}
