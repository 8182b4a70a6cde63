import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';
import { SELF_CHECK_DOMAINS } from './autodiagnostic.data.js';

/**
 * "Mes données" for orienter: the orientations the member sent (with what they wrote about the
 * person, until it is erased) and the self-check results they kept. Deleting the account removes
 * both; orientations the member's place received stay with that place's team.
 */
export const orienterPrivacy: PrivacyProvider = {
  section: 'orienter',
  label: say('Orienter', 'Find help'),
  words: {
    ...Object.fromEntries(SELF_CHECK_DOMAINS.map((domain) => [domain.key, domain.label])),
    orientationsSent: say('Orientations envoyées', 'Referrals sent'),
    selfCheckResults: say('Résultats d’autodiagnostic', 'Self-check results'),
    personName: say('Personne orientée', 'Person referred'),
    personContact: say('Contact de la personne', 'Person’s contact'),
    need: say('Besoin', 'Need'),
    answer: say('Réponse du lieu', 'The place’s answer'),
    consentAt: say('Accord de la personne le', 'Person’s consent on'),
    closedAt: say('Clôturée le', 'Closed on'),
    erasedAt: say('Effacée le', 'Erased on'),
    levels: say('Niveaux', 'Levels'),
  },
  async exportData(em: EntityManager, userId: string) {
    const data = await queryOne<{ orientations: unknown; selfChecks: unknown }>(
      em,
      sql`select
            (select coalesce(json_agg(r order by r."createdAt"), '[]') from (
               select o.name as place, r.person_name as "personName", r.person_contact as "personContact", r.need, r.note,
                      r.status, r.answer, r.consent_at as "consentAt", r.created_at as "createdAt", r.closed_at as "closedAt",
                      r.erased_at as "erasedAt"
                 from orientation r join organization_card o on o.id = r.organization_id where r.sender_id = ${userId}) r) as orientations,
            (select coalesce(json_agg(c order by c."createdAt"), '[]') from (
               select c.levels, c.created_at as "createdAt" from self_check_result c where c.user_id = ${userId}) c) as "selfChecks"`,
    );
    return { orientationsSent: data?.orientations ?? [], selfCheckResults: data?.selfChecks ?? [] };
  },
  async erase(em: EntityManager, userId: string) {
    await execute(em, sql`delete from orientation where sender_id = ${userId}`);
    await execute(em, sql`delete from self_check_result where user_id = ${userId}`);
    // The answers the member wrote for their place's team stay with the orientation, unsigned.
    await execute(em, sql`update orientation set answered_by_id = null where answered_by_id = ${userId}`);
    return [];
  },
};
