import { sql } from '../../../db/sql.js';
import { say } from '../../../i18n/lang.js';
import type { HomePersonalProvider } from '../accueil/accueil-provider.js';

/** The member's unread notifications, newest first. */
export const unreadNotificationsForMe: HomePersonalProvider = {
  position: 10,
  kind: 'notification',
  label: say('Nouveau pour vous', 'New for you'),
  query: (user, limit) =>
    sql`select n.id, n.message as title, null::text as summary, coalesce(n.link, '/notifications') as link, n.created_at as at,
               null::text as departement, null::text as place
          from notification n where n.recipient_id = ${user.id} and n.read_at is null
         order by n.created_at desc, n.id limit ${limit}`,
};
