import type { EntityManager } from '@mikro-orm/postgresql';
import type { Text } from '../../i18n/lang.js';
import { User } from '../accounts/user.entity.js';
import { Notification } from './notification.entity.js';

export interface NotificationDraft {
  /** "<section>.<event>", e.g. "entraide.answer". */
  kind: string;
  /** The sentence, in both languages; each recipient gets theirs. */
  text: Text;
  link?: string | null;
}

/**
 * Tells people that something concerns them. Call it inside the transaction of the change,
 * so a notification exists exactly when the change does. The actor is never notified of their own act.
 */
export async function notify(em: EntityManager, recipientIds: Iterable<string>, draft: NotificationDraft, actorId?: string | null): Promise<number> {
  const ids = [...new Set(recipientIds)].filter((id) => id !== actorId);
  if (ids.length === 0) return 0;
  const recipients = await em.find(User, { id: { $in: ids } }, { fields: ['id', 'locale'] });
  for (const recipient of recipients) {
    em.create(Notification, {
      recipient: em.getReference(User, recipient.id),
      kind: draft.kind,
      message: recipient.locale === 'en' ? draft.text.en : draft.text.fr,
      link: draft.link ?? null,
    });
  }
  await em.flush();
  return recipients.length;
}

export async function unreadCount(em: EntityManager, userId: string): Promise<number> {
  return em.count(Notification, { recipient: userId, readAt: null });
}

/** Marks some (or, without ids, all) of the person's notifications as read. */
export async function markRead(em: EntityManager, userId: string, ids?: string[] | null): Promise<number> {
  return em.nativeUpdate(
    Notification,
    { recipient: userId, readAt: null, ...(ids?.length ? { id: { $in: ids } } : {}) },
    { readAt: new Date() },
  );
}
