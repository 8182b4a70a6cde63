import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';

/** The tags a person follows: exported, and erased with the account (a follow says what interests them). */
export const tagsPrivacy: PrivacyProvider = {
  section: 'mots-cles',
  label: say('Mots-clés suivis', 'Followed tags'),
  words: {
    tag: say('Mot-clé', 'Tag'),
    label: say('Libellé', 'Label'),
    followedAt: say('Suivi depuis le', 'Followed since'),
  },
  async exportData(em: EntityManager, userId: string) {
    return query(
      em,
      sql`select f.tag_slug as "tag", t.label, f.created_at as "followedAt"
            from tag_follow f join tag t on t.slug = f.tag_slug
           where f.user_id = ${userId}
           order by f.created_at, f.tag_slug`,
    );
  },
  async erase(em: EntityManager, userId: string) {
    await execute(em, sql`delete from tag_follow where user_id = ${userId}`);
    return [];
  },
};
