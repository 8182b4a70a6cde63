import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../../db/sql.js';
import { COUNT_CAP, countBounded, keysetPage, keysetWindow, mapNodes, type Connection, type SortKey } from '../../../graphql/connection.js';
import { badInput } from '../../../graphql/errors.js';
import { say, type Lang, type Text } from '../../../i18n/lang.js';
import { publishLive, publishLiveMany } from '../../../live/publish.js';
import { notificationKinds } from '../plugs.js';
import { EmailOutbox, type OutboxPayload } from './email-outbox.entity.js';
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

interface RecipientRow {
  id: string;
  locale: string;
  email: string;
  display_name: string;
  status: string;
  channel: DeliveryChannel | null;
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
 */
export async function notify(
  em: EntityManager,
  recipientIds: Iterable<string>,
  draft: NotificationDraft,
  actorId?: string | null,
): Promise<number> {
  const ids = [...new Set(recipientIds)].filter((id) => id !== actorId);
  if (ids.length === 0) return 0;
  const kind = findKind(draft.kind);
  await em.flush(); // recipients created earlier in this unit of work must be visible to the query below
  const recipients = await query<RecipientRow>(
    em,
    sql`select u.id, u.locale, u.email, u.display_name, u.status, p.channel
          from member_card u left join notification_preference p on p.user_id = u.id and p.kind = ${draft.kind}
         where u.id in (${sql.join(ids.map((id) => sql`${id}`))}) and u.status <> 'deleted'`,
  );
  let delivered = 0;
  const created: Notification[] = [];
  for (const recipient of recipients) {
    let channel = recipient.channel ?? kind?.defaultChannel ?? UNREGISTERED_KIND_CHANNEL;
    if (channel === DeliveryChannel.OFF && kind?.mandatory) channel = DeliveryChannel.IN_APP;
    if (channel === DeliveryChannel.OFF) continue;
    const lang: Lang = recipient.locale === 'en' ? 'en' : 'fr';
    const message = draft.text[lang];
    const notification = em.create(Notification, {
      recipient: recipient.id,
      kind: draft.kind,
      message,
      link: draft.link ?? null,
      inDigest: channel === DeliveryChannel.DIGEST,
    });
    created.push(notification);
    if (channel === DeliveryChannel.EMAIL) {
      const payload: OutboxPayload = {
        name: recipient.display_name,
        lang,
        digest: false,
        items: [{ message, link: draft.link ?? null, at: notification.createdAt.toISOString() }],
      };
      em.create(EmailOutbox, {
        recipient: recipient.id,
        toAddress: recipient.email,
        kind: draft.kind,
        subject: subjectOf(message),
        payload,
      });
    }
    delivered += 1;
  }
  await em.flush();
  // The badge of each recipient's open pages, once the change is committed.
  await publishLiveMany(
    em,
    created.map((notification) => ({ topic: notificationsTopic(notification.recipient.id), id: notification.id })),
  );
  return delivered;
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

/**
 * An e-mail to someone who is not (or not known as) a member, e.g. a fiche d'orientation: through the outbox,
 * in the caller's transaction; the address is emptied once it is sent or given up (`forgetAddress`).
 */
export async function sendPlainEmail(
  em: EntityManager,
  email: { to: string; lang: Lang; kind: string; subject: Text; greeting: Text; body: string; footer: Text; link?: string | null },
): Promise<void> {
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
  await em.flush();
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
