import type { EntityManager } from '@mikro-orm/postgresql';
import { say, type Text } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';

/** The organizations a person belongs to, and the accounts they opened for people they tutor. */
export const organizationsPrivacy: PrivacyProvider = {
  section: 'organisations',
  label: say('Organisations', 'Organizations'),
  async exportData(em: EntityManager, userId: string) {
    const [data] = await em.execute<{ memberships: unknown; managed_accounts: unknown }[]>(
      `select (select coalesce(json_agg(m order by m.organization), '[]') from (
                 select o.name as organization, o.slug, ms.role, ms.created_at as "since"
                   from membership ms join organization o on o.id = ms.organization_id where ms.user_id = ?) m) as memberships,
              (select coalesce(json_agg(a order by a."createdAt"), '[]') from (
                 select u.display_name as "person", t.created_at as "createdAt", t.used_at as "activatedAt"
                   from activation_token t join app_user u on u.id = t.user_id where t.created_by_id = ?) a) as managed_accounts`,
      [userId, userId],
    );
    return { memberships: data.memberships, accountsOpenedForOthers: data.managed_accounts };
  },
  async erase(em: EntityManager, userId: string) {
    const orphaned = await em.execute<{ name: string }[]>(
      `select o.name from membership ms join organization o on o.id = ms.organization_id
        where ms.user_id = ? and ms.role = 'admin'
          and not exists (select 1 from membership other where other.organization_id = ms.organization_id and other.role = 'admin' and other.user_id <> ?)
        order by o.name`,
      [userId, userId],
    );
    await em.execute(`delete from membership where user_id = ?`, [userId]);
    await em.execute(`update activation_token set created_by_id = null where created_by_id = ?`, [userId]);
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
