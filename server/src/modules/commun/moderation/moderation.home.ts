import { sql } from '../../../db/sql.js';
import { say } from '../../../i18n/lang.js';
import { Role } from '../../comptes/user.entity.js';
import type { HomePersonalProvider } from '../accueil/accueil-provider.js';

/** For moderators: how many reported contents wait for a decision. */
export const moderationQueueForMe: HomePersonalProvider = {
  position: 50,
  kind: 'moderation.queue',
  label: say('À modérer', 'To moderate'),
  query: (user, _limit, lang) => {
    const one = lang === 'en' ? '1 reported content waits for your decision' : '1 contenu signalé attend votre décision';
    const many = lang === 'en' ? ' reported contents wait for your decision' : ' contenus signalés attendent votre décision';
    const isModerator = user.role === Role.MODERATOR || user.role === Role.ADMIN;
    return sql`select '00000000-0000-0000-0000-000000000000'::uuid as id,
                      case when q.cases = 1 then ${one} else q.cases || ${many} end as title,
                      null::text as summary, '/moderation' as link, q.oldest as at, null::text as departement, null::text as place
                 from (select count(distinct (content_type, content_id))::int as cases, min(created_at) as oldest from report where status = 'open') q
                where q.cases > 0 and ${isModerator}::boolean`;
  },
};
