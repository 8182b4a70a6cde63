/**
 * Orientations between helpers: a member sends a person to a place that has a team in Maillage,
 * with the person's consent; the place's team accepts, answers or declines; either side closes it.
 * Who may see one: its sender and the members of the place's team, nobody else (not even the
 * platform's admins: it holds a person's name and contact). The place's team is read through
 * reseau's published view `organization_member` (docs/sql.md).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, queryOne, sql, whereAll, type Sql } from '../../db/sql.js';
import {
  afterCursor,
  keysetColumns,
  keysetConnection,
  keysetOrder,
  keysetWindow,
  type Connection,
  type SortKey,
} from '../../graphql/connection.js';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { User } from '../comptes/user.entity.js';
import { hit } from '../comptes/rate-limit.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { Organization, OrganizationKind } from '../reseau/organization.entity.js';
import { Orientation, OrientationStatus } from './orientation.entity.js';

/** How long the person's data stays once an orientation is closed (docs/orienter.md, /confidentialite). */
export const ERASE_AFTER_CLOSED_MONTHS = 3;
/** A helper sends a few orientations a day; beyond, a place's team would be flooded. */
export const ORIENTATIONS_PER_DAY = 30;
/** Figures count at most this many (and lists one more, so the page can say "1 000+"): never a whole table. */
export const COUNT_BOUND = 1000;

const NOT_TEAM = say(
  'Seuls les membres de l’équipe de ce lieu peuvent répondre à cette orientation.',
  "Only the members of this place's team can answer this orientation.",
);
const NOT_YOURS = say(
  'Cette orientation ne vous concerne pas : seuls la personne qui l’a envoyée et l’équipe du lieu la voient.',
  'This orientation is not yours: only its sender and the place’s team can see it.',
);
const A_NETWORK = say(
  'Un réseau n’accueille pas le public : orientez la personne vers l’un de ses lieux.',
  'A network does not welcome the public: refer the person to one of its places.',
);
const NO_TEAM = say(
  'Ce lieu n’a pas encore d’équipe dans Maillage : orientez la personne avec sa fiche (adresse, téléphone).',
  'This place has no team in Maillage yet: refer the person with its details (address, phone).',
);
const CLOSED = say('Cette orientation est close.', 'This orientation is closed.');

export interface SendOrientationFields {
  organizationId: string;
  personName: string;
  personContact?: string | null;
  need: string;
  note?: string | null;
  consent: boolean;
}

/** A row as both sides read it; the person's fields are null once erased. */
export interface OrientationRow {
  id: string;
  status: OrientationStatus;
  createdAt: Date;
  updatedAt: Date;
  consentAt: Date;
  personName: string | null;
  personContact: string | null;
  need: string | null;
  note: string | null;
  answer: string | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  erasedAt: Date | null;
  senderId: string;
  senderName: string;
  answeredByName: string | null;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
}

const ROW_COLUMNS = sql`
  r.id, r.status, r.created_at as "createdAt", r.updated_at as "updatedAt", r.consent_at as "consentAt",
  r.person_name as "personName", r.person_contact as "personContact", r.need, r.note, r.answer,
  r.answered_at as "answeredAt", r.closed_at as "closedAt", r.erased_at as "erasedAt",
  r.sender_id as "senderId", s.display_name as "senderName", a.display_name as "answeredByName",
  r.organization_id as "organizationId", o.name as "organizationName", o.slug as "organizationSlug"`;

const ROW_JOINS = sql`
  join member_card s on s.id = r.sender_id
  join organization_card o on o.id = r.organization_id
  left join member_card a on a.id = r.answered_by_id`;

function dated(row: OrientationRow): OrientationRow {
  const at = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    consentAt: new Date(row.consentAt),
    answeredAt: at(row.answeredAt),
    closedAt: at(row.closedAt),
    erasedAt: at(row.erasedAt),
  };
}

function trimmed(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

/** The place has a team in Maillage: at least one member. */
export async function hasTeam(em: EntityManager, organizationId: string): Promise<boolean> {
  return !!(await queryOne(em, sql`select 1 from organization_member where organization_id = ${organizationId} limit 1`));
}

export async function isTeamMember(em: EntityManager, organizationId: string, userId: string): Promise<boolean> {
  return !!(await queryOne(em, sql`select 1 from organization_member where organization_id = ${organizationId} and user_id = ${userId}`));
}

async function teamOf(em: EntityManager, organizationId: string): Promise<string[]> {
  const rows = await query<{ user_id: string }>(em, sql`select user_id from organization_member where organization_id = ${organizationId}`);
  return rows.map((row) => row.user_id);
}

export async function sendOrientation(em: EntityManager, sender: User, input: SendOrientationFields): Promise<Orientation> {
  const personName = trimmed(input.personName);
  const need = trimmed(input.need);
  const errors: Record<string, ReturnType<typeof say>> = {};
  if (!input.consent)
    errors.consent = say(
      'Cochez cette case seulement si la personne a donné son accord pour être orientée vers ce lieu.',
      'Tick this box only if the person agreed to be referred to this place.',
    );
  if (!personName)
    errors.personName = say(
      'Indiquez un prénom ou des initiales (par exemple « Mme D. »).',
      'Give a first name or initials (e.g. "Ms D.").',
    );
  if (!need) errors.need = say('Dites en quelques mots ce dont la personne a besoin.', 'Say in a few words what the person needs.');
  if (Object.keys(errors).length) throw badInput(errors);
  const organization = await em.findOne(Organization, { id: input.organizationId }, { fields: ['id', 'name', 'kind'] });
  if (!organization) throw notFound();
  if (organization.kind === OrganizationKind.RESEAU) throw conflict(A_NETWORK);
  if (!(await hasTeam(em, organization.id))) throw conflict(NO_TEAM);
  if ((await hit(em, `orientation:${sender.id}`, 24 * 3600)) > ORIENTATIONS_PER_DAY) {
    throw conflict(
      say(
        'Vous avez envoyé beaucoup d’orientations aujourd’hui. Réessayez demain.',
        'You sent many orientations today. Try again tomorrow.',
      ),
    );
  }
  const orientation = em.create(Orientation, {
    sender: em.getReference(User, sender.id),
    organization: em.getReference(Organization, organization.id),
    personName,
    personContact: trimmed(input.personContact),
    need,
    note: trimmed(input.note),
    consentAt: new Date(),
  });
  await em.flush();
  // The notification names the need, never the person: it may travel by e-mail.
  await notify(
    em,
    await teamOf(em, organization.id),
    {
      kind: 'orienter.orientation_received',
      text: say(
        `${sender.displayName} oriente une personne vers « ${organization.name} ».`,
        `${sender.displayName} refers someone to "${organization.name}".`,
      ),
      link: `/orienter/orientations/${orientation.id}`,
    },
    sender.id,
  );
  return orientation;
}

/** One orientation, for its sender or a member of the place's team; anyone else is refused. */
export async function orientationFor(em: EntityManager, id: string, viewer: User): Promise<OrientationRow> {
  const row = await queryOne<OrientationRow>(em, sql`select ${ROW_COLUMNS} from orientation r ${ROW_JOINS} where r.id = ${id}`);
  if (!row) throw notFound();
  if (row.senderId !== viewer.id && !(await isTeamMember(em, row.organizationId, viewer.id))) throw forbidden(NOT_YOURS);
  return dated(row);
}

export type OrientationAction = 'accept' | 'answer' | 'decline';

/** The place's team accepts, answers (a message to the sender) or declines. */
export async function respondToOrientation(
  em: EntityManager,
  member: User,
  input: { id: string; action: OrientationAction; message?: string | null },
): Promise<void> {
  const message = trimmed(input.message);
  if (input.action === 'answer' && !message) {
    throw badInput({ message: say('Écrivez votre réponse.', 'Write your answer.') });
  }
  await em.transactional(async (tx) => {
    const locked = await queryOne<{ organization_id: string; sender_id: string; status: OrientationStatus }>(
      tx,
      sql`select organization_id, sender_id, status from orientation where id = ${input.id} for update`,
    );
    if (!locked) throw notFound();
    if (!(await isTeamMember(tx, locked.organization_id, member.id))) throw forbidden(NOT_TEAM);
    if (locked.status === OrientationStatus.CLOSED || locked.status === OrientationStatus.DECLINED) throw conflict(CLOSED);
    const status =
      input.action === 'decline'
        ? OrientationStatus.DECLINED
        : input.action === 'answer'
          ? OrientationStatus.ANSWERED
          : locked.status === OrientationStatus.ANSWERED
            ? OrientationStatus.ANSWERED
            : OrientationStatus.ACCEPTED;
    await execute(
      tx,
      sql`update orientation set status = ${status}::orientation_status, updated_at = now(),
            answer = coalesce(${message}, answer), answered_by_id = ${member.id}, answered_at = now(),
            closed_at = ${status === OrientationStatus.DECLINED ? sql`now()` : sql`null`}
          where id = ${input.id}`,
    );
    const organization = await queryOne<{ name: string }>(tx, sql`select name from organization_card where id = ${locked.organization_id}`);
    const name = organization?.name ?? '';
    const text =
      input.action === 'accept'
        ? say(`« ${name} » accepte votre orientation.`, `"${name}" accepts your orientation.`)
        : input.action === 'answer'
          ? say(`« ${name} » a répondu à votre orientation.`, `"${name}" answered your orientation.`)
          : say(
              `« ${name} » ne peut pas accueillir la personne que vous avez orientée.`,
              `"${name}" cannot welcome the person you referred.`,
            );
    await notify(
      tx,
      [locked.sender_id],
      { kind: 'orienter.orientation_answered', text, link: `/orienter/orientations/${input.id}` },
      member.id,
    );
  });
}

/** The sender or the team closes an orientation (the person was welcomed, or no longer needs it). */
export async function closeOrientation(em: EntityManager, user: User, id: string): Promise<void> {
  const row = await orientationFor(em, id, user);
  if (row.closedAt) throw conflict(CLOSED);
  await execute(
    em,
    sql`update orientation set status = 'closed', closed_at = now(), updated_at = now() where id = ${id} and closed_at is null`,
  );
}

/**
 * Erases the person's data of the orientations closed more than 3 months ago (`now` moves in tests).
 * The row stays, without any personal data, for the figures. Run daily (orienter.section.ts, `jobs`).
 */
export async function eraseClosedOrientations(em: EntityManager, now: Date = new Date()): Promise<number> {
  return execute(
    em,
    sql`update orientation set person_name = null, person_contact = null, need = null, note = null, answer = null,
               erased_at = ${now}
         where erased_at is null and closed_at < ${now}::timestamptz - make_interval(months => ${ERASE_AFTER_CLOSED_MONTHS})`,
  );
}

const NEWEST_FIRST: SortKey[] = [
  { expression: sql`r.created_at`, direction: 'desc' },
  { expression: sql`r.id`, direction: 'desc' },
];

/**
 * One keyset page of orientations, newest first, in one statement on the (sender | organization,
 * created_at) indexes; the total is bounded (COUNT_BOUND), never a window count.
 */
async function orientationPage(em: EntityManager, where: Sql, args: { first?: number | null; after?: string | null }) {
  const window = keysetWindow(args, NEWEST_FIRST);
  const rows = await query<OrientationRow>(
    em,
    sql`select ${ROW_COLUMNS}, ${keysetColumns(NEWEST_FIRST)} from orientation r ${ROW_JOINS}
         ${whereAll([where, afterCursor(NEWEST_FIRST, window)])}
         ${keysetOrder(NEWEST_FIRST)} limit ${window.limit + 1}`,
  );
  const total = await queryOne<{ n: number }>(
    em,
    sql`select count(*)::int as n from (select 1 from orientation r ${whereAll([where])} limit ${COUNT_BOUND + 1}) c`,
  );
  return keysetConnection(rows.map(dated), window, total?.n ?? 0);
}

/** What the member sent. */
export function sentOrientations(em: EntityManager, user: User, args: { first?: number | null; after?: string | null }) {
  return orientationPage(em, sql`r.sender_id = ${user.id}`, args);
}

/** What the places the member belongs to received (or one of them). */
export async function receivedOrientations(
  em: EntityManager,
  user: User,
  args: { first?: number | null; after?: string | null; organizationId?: string | null },
): Promise<Connection<OrientationRow>> {
  const team = sql`r.organization_id in (select organization_id from organization_member where user_id = ${user.id})`;
  return orientationPage(em, args.organizationId ? sql`${team} and r.organization_id = ${args.organizationId}` : team, args);
}

export interface OrientationPlace {
  id: string;
  name: string;
  slug: string;
  commune: string | null;
}

/** Places (not networks) with a team in Maillage whose name or commune holds the words typed: the first 20, by name (case and accents ignored, as the directory). */
export async function placesWithTeam(em: EntityManager, search: string | null | undefined): Promise<OrientationPlace[]> {
  const words = trimmed(search);
  return query<OrientationPlace>(
    em,
    sql`select o.id, o.name, o.slug, o.commune from organization_card o
         ${whereAll([
           // A network welcomes nobody itself: its places do.
           sql`o.kind <> 'reseau'`,
           sql`exists (select 1 from organization_member m where m.organization_id = o.id)`,
           words
             ? sql`(immutable_unaccent(o.name) ilike '%' || immutable_unaccent(${words}) || '%' or immutable_unaccent(coalesce(o.commune, '')) ilike '%' || immutable_unaccent(${words}) || '%')`
             : null,
         ])}
         order by immutable_unaccent(lower(o.name)), o.id limit 20`,
  );
}

export interface OrientationFigures {
  sent: number;
  accepted: number;
  declined: number;
  closed: number;
}

/** Counts without personal data, for one place or the whole network; each bounded by COUNT_BOUND. */
export async function orientationFigures(em: EntityManager, organizationId?: string | null): Promise<OrientationFigures> {
  const place = organizationId ? sql`organization_id = ${organizationId}` : null;
  const bounded = (condition: Sql | null) =>
    sql`(select count(*)::int from (select 1 from orientation ${whereAll([place, condition])} limit ${COUNT_BOUND}) c)`;
  const row = await queryOne<OrientationFigures>(
    em,
    sql`select ${bounded(null)} as sent,
               ${bounded(sql`(status in ('accepted', 'answered') or (status = 'closed' and answered_at is not null))`)} as accepted,
               ${bounded(sql`status = 'declined'`)} as declined,
               ${bounded(sql`closed_at is not null`)} as closed`,
  );
  return row ?? { sent: 0, accepted: 0, declined: 0, closed: 0 };
}
