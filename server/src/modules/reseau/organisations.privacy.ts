import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, queryOne, sql } from '../../db/sql.js';
import { say, type Text } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';
import { activationLinksOpenedBy, forgetActivationLinksOpenedBy } from '../comptes/account-links.js';

/** The organizations a person belongs to, and the accounts they opened for people they tutor. */
export const organizationsPrivacy: PrivacyProvider = {
  section: 'organisations',
  label: say('Organisations', 'Organizations'),
  async exportData(em: EntityManager, userId: string) {
    const data = await queryOne<{ memberships: unknown }>(
      em,
      sql`select coalesce(json_agg(m order by m.organization), '[]') as memberships from (
            select o.name as organization, o.slug, ms.role, ms.created_at as "since"
              from membership ms join organization o on o.id = ms.organization_id where ms.user_id = ${userId}) m`,
    );
    // The accounts a mediator opened for people they help are comptes' activation links.
    return { memberships: data?.memberships, accountsOpenedForOthers: await activationLinksOpenedBy(em, userId) };
  },
  async erase(em: EntityManager, userId: string) {
    const orphaned = await query<{ name: string }>(
      em,
      sql`select o.name from membership ms join organization o on o.id = ms.organization_id
           where ms.user_id = ${userId} and ms.role = 'admin'
             and not exists (select 1 from membership other where other.organization_id = ms.organization_id and other.role = 'admin' and other.user_id <> ${userId})
           order by o.name`,
    );
    await execute(em, sql`delete from membership where user_id = ${userId}`);
    await forgetActivationLinksOpenedBy(em, userId);
    const kept: Text[] = [];
    if (orphaned.length) {
      const names = orphaned.map((o) => o.name).join(', ');
      kept.push(
        say(
          `Vous n'êtes plus membre d'aucune organisation. Les pages des organisations restent en ligne (elles appartiennent à leurs membres) ; ${names} n'a plus d'administrateur : l'équipe Maillage pourra en nommer un à la demande de ses membres.`,
          `You are no longer a member of any organization. Organization pages stay online (they belong to their members); ${names} no longer has an admin: the Maillage team can appoint one at its members' request.`,
        ),
      );
    }
    return kept;
  },
};
