import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../../db/sql.js';
import { pgTextArray } from '../../../shared/pg-array.js';
import { COUNT_CAP, countBounded, keysetPage, keysetWindow, mapNodes, type Connection, type SortKey } from '../../../graphql/connection.js';
import { badInput } from '../../../graphql/errors.js';
import { say, type Lang, type Text } from '../../../i18n/lang.js';
import type { LiveMessage } from '../../../live/bus.js';
import { liveNotifyInStatement, publishLive, publishLiveMany } from '../../../live/publish.js';
import { notificationKinds } from '../plugs.js';
import { EmailOutbox } from './email-outbox.entity.js';
import { DeliveryChannel, UNREGISTERED_KIND_CHANNEL, type NotificationKind } from './notification-kinds.js';
import { Notification } from './notification.entity.js';

export interface NotificationDraft {
  /** "<section>.<event>", e.g. "entraide.answer". */
  kind: string;
  /** The sentence, in both languages; each recipient gets theirs. */
  text: Text;
  link?: string | null;
}

/** The live topic of one member's notifications (notifications.live.ts): a new one (with its id), or some read. */
export const notificationsTopic = (userId: string) => `notifications:${userId}`;

export function findKind(kind: string): NotificationKind | undefined {
  return notificationKinds().find((entry) => entry.kind === kind);
}

/** The channel that applies when the person made no choice for this kind. */
export function defaultChannel(kind: string): DeliveryChannel {
  return findKind(kind)?.defaultChannel ?? UNREGISTERED_KIND_CHANNEL;
}

/** The e-mail subject of one notification. */
function subjectOf(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return `Maillage — ${line.length > 120 ? `${line.slice(0, 119)}…` : line}`;
}

/**
 * Tells people that something concerns them. Call it inside the transaction of the change,
 * so a notification (and its e-mail) exists exactly when the change does. The actor is never
 * notified of their own act. Each recipient's preference for the kind decides: in the site only,
 * also by e-mail now, also in the weekly digest, or not at all (unless the kind is mandatory).
 *
 * One statement whatever the number of recipients (preferences read, notifications and e-mails
 * written, and over PostgreSQL the live badges sent): not a unit of work of entities.
 */
export async function notify(
  em: EntityManager,
  recipientIds: Iterable<string>,
  draft: NotificationDraft,
  actorId?: string | null,
): Promise<number> {
  const { delivered, unsent } = await writeNotifications(em, recipientIds, draft, actorId);
  await publishLiveMany(em, unsent);
  return delivered;
}

/**
 * `notify()`'s one statement. Over PostgreSQL it also sends the recipients' badges and `along` (a
 * caller's own live messages, e.g. a transfer's balances) by `pg_notify`; what it could not send
 * (all of it over Redis) comes back in `unsent`, for `publishLiveMany`.
 */
export async function writeNotifications(
  em: EntityManager,
  recipientIds: Iterable<string>,
  draft: NotificationDraft,
  actorId?: string | null,
  along: readonly LiveMessage[] = [],
): Promise<{ delivered: number; unsent: LiveMessage[] }> {
  const ids = [...new Set(recipientIds)].filter((id) => id !== actorId);
  if (ids.length === 0) return { delivered: 0, unsent: [...along] };
  const kind = findKind(draft.kind);
  const fallback = kind?.defaultChannel ?? UNREGISTERED_KIND_CHANNEL;
  const link = draft.link ?? null;
  // Over PostgreSQL the badges (bus.ts's message: topic and id) and `along` leave with the statement.
  const badgesAndAlong = liveNotifyInStatement(
    sql`select json_build_object('topic', ${notificationsTopic('')}::text || recipient_id, 'id', id)::text from created`,
    along,
  );
  const inLanguage = (text: Text) => sql`case when r.locale = 'en' then ${text.en}::text else ${text.fr}::text end`;
  await em.flush(); // recipients created earlier in this unit of work must be visible to the statement below
  const [result] = await query<{ delivered: number; created: Array<{ id: string; recipient_id: string }> | null }>(
    em,
    sql`with chosen as (
          select u.id, u.locale, u.email, u.display_name, coalesce(p.channel, ${fallback}::delivery_channel) as channel
            from member_card u left join notification_preference p on p.user_id = u.id and p.kind = ${draft.kind}
           where u.id = any(${pgTextArray(ids)}::uuid[]) and u.status <> 'deleted'),
        r as (
          select id, locale, email, display_name,
                 case when channel = 'off' and ${kind?.mandatory ?? false}::boolean then 'in_app' else channel end as channel
            from chosen),
        created as (
          insert into notification (id, recipient_id, kind, message, link, in_digest, created_at, updated_at)
          select gen_random_uuid(), r.id, ${draft.kind}, ${inLanguage(draft.text)}, ${link}::text, r.channel = 'digest',
                 clock_timestamp(), clock_timestamp()
            from r where r.channel <> 'off'
          returning id, recipient_id, message, created_at),
        emailed as (
          insert into email_outbox (id, recipient_id, to_address, kind, subject, payload)
          select gen_random_uuid(), r.id, r.email, ${draft.kind}, ${inLanguage({ fr: subjectOf(draft.text.fr), en: subjectOf(draft.text.en) })},
                 jsonb_build_object('name', r.display_name, 'lang', case when r.locale = 'en' then 'en' else 'fr' end, 'digest', false,
                   'items', jsonb_build_array(jsonb_build_object('message', c.message, 'link', ${link}::text,
                     'at', to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
            from r join created c on c.recipient_id = r.id
           where r.channel = 'email')
        select (select count(*)::int from created) as delivered,
               ${badgesAndAlong ? sql`${badgesAndAlong} as sent, null::json as created` : sql`(select json_agg(json_build_object('id', id, 'recipient_id', recipient_id)) from created) as created`}`.prepared(),
  );
  if (badgesAndAlong) return { delivered: result.delivered, unsent: [] };
  // The badge of each recipient's open pages, once the change is committed.
  const badges = (result.created ?? []).map((row) => ({ topic: notificationsTopic(row.recipient_id), id: row.id }));
  return { delivered: result.delivered, unsent: [...badges, ...along] };
}

/**
 * An e-mail about a person's account (a link to confirm an address, reset a password, a warning that
 * someone tried to sign up with it): queued in the outbox of the current transaction, sent whatever
 * the notification preferences, to `to` (which may not be the account's address yet, e.g. a new one).
 */
export async function sendAccountEmail(
  em: EntityManager,
  email: { recipientId: string | null; to: string; name: string; lang: Lang; subject: Text; message: Text; link?: string | null },
): Promise<void> {
  const message = email.message[email.lang];
  em.create(EmailOutbox, {
    recipient: email.recipientId,
    toAddress: email.to,
    kind: 'account',
    subject: `Maillage — ${email.subject[email.lang]}`,
    payload: {
      name: email.name,
      lang: email.lang,
      digest: false,
      account: true,
      items: [{ message, link: email.link ?? null, at: new Date().toISOString() }],
    },
  });
  await em.flush();
}

export interface PlainEmail {
  to: string;
  lang: Lang;
  kind: string;
  subject: Text;
  greeting: Text;
  body: string;
  footer: Text;
  link?: string | null;
}

/**
 * An e-mail to someone who is not (or not known as) a member, e.g. a fiche d'orientation: through the outbox,
 * in the caller's transaction; the address is emptied once it is sent or given up (`forgetAddress`).
 */
export async function sendPlainEmail(em: EntityManager, email: PlainEmail): Promise<void> {
  queuePlainEmail(em, email);
  await em.flush();
}

/**
 * The same, written with the caller's next flush: many e-mails (and what goes with them) in one insert
 * (agenda/guest-emails.ts, a message to every guest of an event).
 */
export function queuePlainEmail(em: EntityManager, email: PlainEmail): void {
  em.create(EmailOutbox, {
    recipient: null,
    toAddress: email.to,
    kind: email.kind,
    subject: `Maillage — ${email.subject[email.lang]}`,
    payload: {
      name: '',
      lang: email.lang,
      digest: false,
      items: [],
      plain: {
        greeting: email.greeting[email.lang],
        body: email.body,
        footer: email.footer[email.lang],
        ...(email.link ? { link: email.link } : {}),
      },
      forgetAddress: true,
    },
  });
}

/** The person's notifications, newest first (only the unread ones when asked). */
/** Newest first; the id breaks ties between notifications of the same instant. */
const NOTIFICATION_ORDER: SortKey[] = [
  { expression: sql`n.created_at`, direction: 'desc' },
  { expression: sql`n.id`, direction: 'desc' },
];

/** One page of a person's notifications: one statement (docs/read-models.md), plain rows shaped like `Notification`. */
export async function listNotifications(
  em: EntityManager,
  userId: string,
  args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
): Promise<Connection<Notification>> {
  const window = keysetWindow(args, NOTIFICATION_ORDER);
  const listed = sql`select id, kind, message, link, read_at as "readAt", created_at, created_at as "createdAt",
                            updated_at as "updatedAt"
                       from notification
                      where recipient_id = ${userId} ${args.unreadOnly ? sql`and read_at is null` : sql.empty}`;
  const page = await keysetPage<Notification>(em, listed, NOTIFICATION_ORDER, window);
  // Raw rows carry timestamps as PostgreSQL's text: the DateTime fields want dates.
  return mapNodes(page, (row) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    readAt: row.readAt ? new Date(row.readAt) : null,
  }));
}

/** Exact up to COUNT_CAP, then COUNT_CAP: a badge never counts a whole backlog of unread notifications. */
export async function unreadCount(em: EntityManager, userId: string): Promise<number> {
  const unread = await countBounded(em, sql`select 1 from notification where recipient_id = ${userId} and read_at is null`);
  return Math.min(unread, COUNT_CAP);
}

/** Marks some (or, without ids, all) of the person's notifications as read. */
export async function markRead(em: EntityManager, userId: string, ids?: string[] | null): Promise<number> {
  const marked = await em.nativeUpdate(
    Notification,
    { recipient: userId, readAt: null, ...(ids?.length ? { id: { $in: ids } } : {}) },
    { readAt: new Date() },
  );
  // The member's other tabs show the new unread count.
  if (marked > 0) await publishLive(em, notificationsTopic(userId));
  return marked;
}

export interface PreferenceView {
  kind: string;
  label: Text;
  channel: DeliveryChannel;
  mandatory: boolean;
  customized: boolean;
}

/** Every registered kind with the person's channel for it (their choice, or the default). */
export async function preferencesOf(em: EntityManager, userId: string): Promise<PreferenceView[]> {
  const rows = await query<{ kind: string; channel: DeliveryChannel }>(
    em,
    sql`select kind, channel from notification_preference where user_id = ${userId}`,
  );
  const chosen = new Map(rows.map((row) => [row.kind, row.channel]));
  return notificationKinds().map((kind) => ({
    kind: kind.kind,
    label: kind.label,
    channel: chosen.get(kind.kind) ?? kind.defaultChannel,
    mandatory: !!kind.mandatory,
    customized: chosen.has(kind.kind),
  }));
}

/** Sets how the person hears about one kind (an upsert: two quick clicks keep the last choice). */
export async function setPreference(
  em: EntityManager,
  userId: string,
  kindName: string,
  channel: DeliveryChannel,
): Promise<PreferenceView> {
  const kind = findKind(kindName);
  if (!kind) throw badInput({ kind: say('Ce type de notification est inconnu.', 'Unknown kind of notification.') });
  if (kind.mandatory && channel === DeliveryChannel.OFF) {
    throw badInput({
      channel: say(
        'Ces messages ne peuvent pas être désactivés : ils vous informent d’une décision qui vous concerne.',
        'These messages cannot be turned off: they tell you about a decision that concerns you.',
      ),
    });
  }
  await execute(
    em,
    sql`insert into notification_preference (id, user_id, kind, channel) values (gen_random_uuid(), ${userId}, ${kind.kind}, ${channel})
        on conflict (user_id, kind) do update set channel = excluded.channel, updated_at = now()`,
  );
  return { kind: kind.kind, label: kind.label, channel, mandatory: !!kind.mandatory, customized: true };
}
