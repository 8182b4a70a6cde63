import type { EntityManager } from '@mikro-orm/postgresql';
import { say, type Text } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../privacy/privacy-provider.js';

/** Signatures of the charter, amendments, supports and comments of a person. */
export const chartePrivacy: PrivacyProvider = {
  section: 'charte',
  label: say('Charte du réseau', 'Network charter'),
  async exportData(em: EntityManager, userId: string) {
    const [data] = await em.execute<Record<string, unknown>[]>(
      `select (select coalesce(json_agg(s order by s."signedAt"), '[]') from (
                 select v.number as version, o.name as "forOrganization", s.departement, s.signed_at as "signedAt", s.withdrawn_at as "withdrawnAt"
                   from charter_signature s join charter_version v on v.id = s.version_id left join organization o on o.id = s.organization_id
                  where s.signer_id = ?) s) as signatures,
              (select coalesce(json_agg(a order by a."createdAt"), '[]') from (
                 select a.id, ar.number as article, a.proposed_title as "proposedTitle", a.proposed_body as "proposedBody", a.reason, a.status,
                        a.decision_reply as "decisionReply", a.created_at as "createdAt", a.hidden_at as "hiddenAt", a.hidden_reason as "hiddenReason"
                   from charter_amendment a join charter_article ar on ar.id = a.article_id where a.author_id = ?) a) as amendments,
              (select coalesce(json_agg(s order by s."since"), '[]') from (
                 select s.amendment_id as "amendmentId", s.created_at as "since" from charter_amendment_support s where s.user_id = ?) s) as supports,
              (select coalesce(json_agg(c order by c."createdAt"), '[]') from (
                 select c.amendment_id as "amendmentId", c.body, c.created_at as "createdAt", c.hidden_at as "hiddenAt", c.hidden_reason as "hiddenReason"
                   from charter_amendment_comment c where c.author_id = ?) c) as comments`,
      [userId, userId, userId, userId],
    );
    return { signatures: data.signatures, amendments: data.amendments, supports: data.supports, comments: data.comments };
  },
  async erase(em: EntityManager, userId: string) {
    // A personal signature is a personal commitment: it leaves with the person. A signature made for an
    // organization commits the organization: it stays, signed "Compte supprimé".
    await em.execute(`delete from charter_signature where signer_id = ? and organization_id is null`, [userId]);
    const [counts] = await em.execute<{ organizations: number; contributions: number }[]>(
      `select (select count(*)::int from charter_signature where signer_id = ? and withdrawn_at is null) as organizations,
              (select count(*)::int from charter_amendment where author_id = ?) + (select count(*)::int from charter_amendment_comment where author_id = ?)
                + (select count(*)::int from charter_amendment_support where user_id = ?) as contributions`,
      [userId, userId, userId, userId],
    );
    const kept: Text[] = [];
    if (counts.organizations) {
      kept.push(say(
        'Les signatures de la charte que vous avez faites au nom d’une organisation restent : elles engagent l’organisation. Votre signature personnelle est retirée.',
        'The charter signatures you made for an organization stay: they commit the organization. Your personal signature is removed.',
      ));
    }
    if (counts.contributions) {
      kept.push(say(
        'Vos amendements, soutiens et commentaires restent dans l’historique public de la charte, signés « Compte supprimé ».',
        'Your amendments, supports and comments stay in the charter’s public history, signed "Deleted account".',
      ));
    }
    return kept;
  },
};
