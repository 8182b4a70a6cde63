import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql } from '../../../db/sql.js';
import { say } from '../../../i18n/lang.js';
import type { PrivacyProvider } from '../mes-donnees/mes-donnees-provider.js';

/** Notifications, preferences and the e-mails written to the person: all erased. */
export const notificationsPrivacy: PrivacyProvider = {
  section: 'notifications',
  label: say('Notifications et e-mails', 'Notifications and e-mails'),
  words: {
    notifications: say('Notifications', 'Notifications'),
    preferences: say('Préférences de notification', 'Notification settings'),
    emails: say('E-mails envoyés', 'E-mails sent'),
    link: say('Lien', 'Link'),
    readAt: say('Lue le', 'Read on'),
    channel: say('Canal', 'Channel'),
    to: say('Destinataire', 'To'),
    subject: say('Objet', 'Subject'),
    sentAt: say('Envoyé le', 'Sent on'),
  },
  async exportData(em: EntityManager, userId: string) {
    return queryOne<{ notifications: unknown; preferences: unknown; emails: unknown }>(
      em,
      sql`select (select coalesce(json_agg(n order by n."createdAt"), '[]') from (
                 select kind, message, link, created_at as "createdAt", read_at as "readAt" from notification where recipient_id = ${userId}) n) as notifications,
              (select coalesce(json_agg(p order by p.kind), '[]') from (
                 select kind, channel from notification_preference where user_id = ${userId}) p) as preferences,
              (select coalesce(json_agg(e order by e."createdAt"), '[]') from (
                 select to_address as "to", subject, status, created_at as "createdAt", sent_at as "sentAt" from email_outbox where recipient_id = ${userId}) e) as emails`,
    );
  },
  async erase(em: EntityManager, userId: string) {
    await execute(em, sql`delete from notification where recipient_id = ${userId}`);
    await execute(em, sql`delete from notification_preference where user_id = ${userId}`);
    await execute(em, sql`delete from email_outbox where recipient_id = ${userId}`);
    return [];
  },
};
