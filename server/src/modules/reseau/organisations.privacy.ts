import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, queryOne, sql } from '../../db/sql.js';
import { say, type Text } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';
import { activationLinksOpenedBy, forgetActivationLinksOpenedBy } from '../comptes/account-links.js';
import { FIELD_LABEL } from './standard.js';

/** The organizations a person belongs to, their requests about places, and the accounts they opened for people they tutor. */
export const organizationsPrivacy: PrivacyProvider = {
  section: 'organisations',
  label: say('Organisations', 'Organizations'),
  words: {
    // The fields of a place a correction changes: French as the directory names them, English as the open-data standard.
    ...Object.fromEntries(
      Object.entries(FIELD_LABEL).map(([field, label]) => [field, say(label[0].toUpperCase() + label.slice(1), field)]),
    ),
    memberships: say('Organisations dont vous êtes membre', 'Organizations you belong to'),
    accountsOpenedForOthers: say('Comptes ouverts pour d’autres personnes', 'Accounts opened for other people'),
    placeClaims: say('Demandes de gestion de lieux', 'Requests to manage places'),
    membershipRequests: say('Demandes pour rejoindre un lieu ou une structure', 'Requests to join a place or an organization'),
    placeSuggestions: say('Corrections de lieux proposées', 'Corrections suggested for places'),
    since: say('Membre depuis le', 'Member since'),
    person: say('Personne', 'Person'),
    activatedAt: say('Activé le', 'Activated on'),
    decidedAt: say('Décidé le', 'Decided on'),
    changes: say('Modifications', 'Changes'),
    from: say('Avant', 'Before'),
    to: say('Après', 'After'),
  },
  async exportData(em: EntityManager, userId: string) {
    const data = await queryOne<{ memberships: unknown }>(
      em,
      sql`select coalesce(json_agg(m order by m.organization), '[]') as memberships from (
            select o.name as organization, o.slug, ms.role, ms.created_at as "since"
              from membership ms join organization o on o.id = ms.organization_id where ms.user_id = ${userId}) m`,
    );
    const requests = await queryOne<{ claims: unknown; joins: unknown; suggestions: unknown }>(
      em,
      sql`select
            (select coalesce(json_agg(c order by c."createdAt"), '[]') from (
               select o.name as place, c.message, c.status, c.created_at as "createdAt", c.decided_at as "decidedAt"
                 from place_claim c join organization o on o.id = c.organization_id where c.user_id = ${userId}) c) as claims,
            (select coalesce(json_agg(r order by r."createdAt"), '[]') from (
               select o.name as place, r.message, r.status, r.created_at as "createdAt", r.decided_at as "decidedAt"
                 from membership_request r join organization o on o.id = r.organization_id where r.user_id = ${userId}) r) as joins,
            (select coalesce(json_agg(s order by s."createdAt"), '[]') from (
               select o.name as place, s.changes, s.comment, s.status, s.created_at as "createdAt", s.decided_at as "decidedAt"
                 from place_suggestion s join organization o on o.id = s.organization_id where s.author_id = ${userId}) s) as suggestions`,
    );
    // The accounts a mediator opened for people they help are comptes' activation links.
    return {
      memberships: data?.memberships,
      accountsOpenedForOthers: await activationLinksOpenedBy(em, userId),
      placeClaims: requests?.claims,
      membershipRequests: requests?.joins,
      placeSuggestions: requests?.suggestions,
    };
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
    // Claims are about the person: gone. Corrections they suggested stay in the places' history, unsigned;
    // those nobody answered yet are dropped with the account.
    await execute(em, sql`delete from place_claim where user_id = ${userId}`);
    await execute(em, sql`delete from membership_request where user_id = ${userId}`);
    await execute(em, sql`delete from place_suggestion where author_id = ${userId} and status = 'pending'`);
    const suggested = await execute(em, sql`update place_suggestion set author_id = null where author_id = ${userId}`);
    // Who answered a claim, a correction or a request to join stays in the audit log only (or nowhere).
    await execute(em, sql`update place_claim set decided_by_id = null where decided_by_id = ${userId}`);
    await execute(em, sql`update membership_request set decided_by_id = null where decided_by_id = ${userId}`);
    await execute(em, sql`update place_suggestion set decided_by_id = null where decided_by_id = ${userId}`);
    await forgetActivationLinksOpenedBy(em, userId);
    const kept: Text[] = [];
    if (suggested > 0) {
      kept.push(
        say(
          'Les corrections de lieux que vous avez proposées et qui ont reçu une réponse restent dans leur historique, sans votre nom.',
          'The corrections of places you suggested that were answered stay in their history, without your name.',
        ),
      );
    }
    if (orphaned.length) {
      const names = orphaned.map((o) => o.name).join(', ');
      kept.push(
        say(
          `Vous n’êtes plus membre d’aucune organisation. Les pages des organisations restent en ligne (elles appartiennent à leurs membres) ; ${names} n’a plus d’administrateur : l’équipe Maillage pourra en nommer un à la demande de ses membres.`,
          `You are no longer a member of any organization. Organization pages stay online (they belong to their members); ${names} no longer has an admin: the Maillage team can appoint one at its members' request.`,
        ),
      );
    }
    return kept;
  },
};
