import { sql } from '../../../db/sql.js';
import { say } from '../../../i18n/lang.js';
import { Role } from '../../comptes/user.entity.js';
import type { HomePersonalProvider } from '../accueil/accueil-provider.js';

/** For moderators: how many reported contents wait for a decision. */
export const moderationQueueForMe: HomePersonalProvider = {
  position: 50,
  kind: 'moderation.queue',
  label: say('À modérer', 'To moderate'),
  counted: {
    field: 'title',
    message: say(
      '{n, plural, one {# contenu signalé attend votre décision} other {# contenus signalés attendent votre décision}}',
      '{n, plural, one {# reported content waits for your decision} other {# reported contents wait for your decision}}',
    ),
  },
  query: (user) => {
    const isModerator = user.role === Role.MODERATOR || user.role === Role.ADMIN;
    return sql`select '00000000-0000-0000-0000-000000000000'::uuid as id, null::text as title, q.cases as count,
                      null::text as summary, '/moderation' as link, q.oldest as at, null::text as departement, null::text as place
                 from (select count(distinct (content_type, content_id))::int as cases, min(created_at) as oldest from report where status = 'open') q
                where q.cases > 0 and ${isModerator}::boolean`;
  },
};
