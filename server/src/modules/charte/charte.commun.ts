import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryOne, sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { ModeratedContentType } from '../commun/moderation/moderated-content.js';
import { DeliveryChannel, type NotificationKind } from '../commun/notifications/notification-kinds.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';

/** How the charter plugs into the commun (declared in charte.section.ts): data and SQL only. */
export const charteNotificationKinds: NotificationKind[] = [
  {
    kind: 'charte.new_version',
    label: say('Une nouvelle version de la charte est à signer', 'A new version of the charter is to be signed'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'charte.amendment_decided',
    label: say(
      'La décision du comité sur un amendement que j’ai proposé ou soutenu',
      "The committee's decision on an amendment I proposed or supported",
    ),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'charte.amendment_comment',
    label: say('Un commentaire sur un amendement que je suis', 'A comment on an amendment I follow'),
    defaultChannel: DeliveryChannel.DIGEST,
  },
  {
    kind: 'charte.amendment_proposed',
    label: say('Un nouvel amendement proposé (comité de la charte)', 'A new amendment proposed (charter committee)'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
];

export const amendmentContent: ModeratedContentType = {
  type: 'charte.amendment',
  label: say('une proposition d’amendement', 'an amendment proposal'),
  table: 'charter_amendment',
  authorColumn: 'author_id',
  excerptSql: `coalesce(t.proposed_title || ' — ', '') || left(t.proposed_body, 240)`,
  linkSql: `'/charte/amendements/' || t.id`,
};

export const amendmentCommentContent: ModeratedContentType = {
  type: 'charte.comment',
  label: say('un commentaire sur un amendement', 'a comment on an amendment'),
  table: 'charter_amendment_comment',
  authorColumn: 'author_id',
  excerptSql: `left(t.body, 280)`,
  linkSql: `'/charte/amendements/' || t.amendment_id || '#commentaire-' || t.id`,
};

export const chartePrivacy: PrivacyProvider = {
  section: 'charte',
  label: say('Charte', 'Charter'),
  words: {
    signatures: say('Signatures', 'Signatures'),
    amendments: say('Amendements proposés', 'Amendments proposed'),
    comments: say('Commentaires sur les amendements', 'Comments on amendments'),
    supports: say('Amendements soutenus', 'Amendments supported'),
    version: say('Version de la charte', 'Charter version'),
    onBehalfOf: say('Au nom de', 'On behalf of'),
    signedAt: say('Signé le', 'Signed on'),
    withdrawnAt: say('Retiré le', 'Withdrawn on'),
    proposedTitle: say('Titre proposé', 'Proposed title'),
    proposedBody: say('Texte proposé', 'Proposed text'),
    amendmentId: say('Identifiant de l’amendement', 'Amendment id'),
  },
  async exportData(em: EntityManager, userId: string) {
    return queryOne<Record<string, unknown>>(
      em,
      sql`select (select coalesce(json_agg(s order by s."signedAt"), '[]') from (
                    select v.number as version, o.name as "onBehalfOf", s.departement, s.signed_at as "signedAt", s.withdrawn_at as "withdrawnAt"
                      from charter_signature s join charter_version v on v.id = s.version_id left join organization_card o on o.id = s.organization_id
                     where s.signer_id = ${userId}) s) as signatures,
                 (select coalesce(json_agg(a order by a."createdAt"), '[]') from (
                    select id, proposed_title as "proposedTitle", proposed_body as "proposedBody", reason, status, created_at as "createdAt"
                      from charter_amendment where author_id = ${userId}) a) as amendments,
                 (select coalesce(json_agg(c order by c."createdAt"), '[]') from (
                    select amendment_id as "amendmentId", body, created_at as "createdAt" from charter_amendment_comment where author_id = ${userId}) c) as comments,
                 (select coalesce(json_agg(x), '[]') from (
                    select amendment_id as "amendmentId", created_at as "createdAt" from charter_amendment_support where user_id = ${userId}) x) as supports`,
    );
  },
  async erase(em: EntityManager, userId: string) {
    // A personal signature needs a person: it is withdrawn. Signatures given on behalf of an organization stay its own.
    const withdrawn = await query<{ id: string }>(
      em,
      sql`update charter_signature set withdrawn_at = now() where signer_id = ${userId} and organization_id is null and withdrawn_at is null returning id`,
    );
    const counted = await queryOne<{ kept: number }>(
      em,
      sql`select ((select count(*) from charter_amendment where author_id = ${userId}) + (select count(*) from charter_amendment_comment where author_id = ${userId})
                 + (select count(*) from charter_signature where signer_id = ${userId} and organization_id is not null and withdrawn_at is null))::int as kept`,
    );
    const kept = counted?.kept ?? 0;
    const texts = [];
    if (withdrawn.length)
      texts.push(
        say(
          'Votre signature personnelle de la charte est retirée de la liste des signataires.',
          'Your personal signature of the charter is removed from the list of signatories.',
        ),
      );
    if (kept > 0) {
      texts.push(
        say(
          'Vos propositions d’amendement et commentaires restent dans l’histoire de la charte, signés « Compte supprimé » ; les signatures données au nom d’une organisation restent celles de l’organisation.',
          'Your amendment proposals and comments stay in the charter’s history, signed "Compte supprimé"; signatures given on behalf of an organization remain the organization’s.',
        ),
      );
    }
    return texts;
  },
};
