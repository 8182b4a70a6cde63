import type { EntityManager } from '@mikro-orm/postgresql';
import { queryOne, sql } from '../../../db/sql.js';
import { say } from '../../../i18n/lang.js';
import type { PrivacyProvider } from '../mes-donnees/mes-donnees-provider.js';

/** Reports made, sanctions received, and the audit-log lines that concern the person. */
export const moderationPrivacy: PrivacyProvider = {
  section: 'moderation',
  label: say('Signalements et modération', 'Reports and moderation'),
  words: {
    reportsMade: say('Signalements faits', 'Reports made'),
    sanctionsReceived: say('Sanctions reçues', 'Sanctions received'),
    auditLog: say('Journal de modération', 'Moderation log'),
    details: say('Précisions', 'Details'),
    until: say('Jusqu’au', 'Until'),
    action: say('Action', 'Action'),
  },
  async exportData(em: EntityManager, userId: string) {
    const data = await queryOne<{ reports: unknown; sanctions: unknown; audit: unknown }>(
      em,
      sql`select (select coalesce(json_agg(r order by r."createdAt"), '[]') from (
                 select content_type as "contentType", content_id as "contentId", reason, details, status, created_at as "createdAt"
                   from report where reporter_id = ${userId}) r) as reports,
              (select coalesce(json_agg(s order by s."createdAt"), '[]') from (
                 select kind, reason, until, created_at as "createdAt" from account_sanction where user_id = ${userId}) s) as sanctions,
              (select coalesce(json_agg(a order by a."createdAt"), '[]') from (
                 select action, reason, content_type as "contentType", content_id as "contentId", created_at as "createdAt",
                        case when actor_id = ${userId} then 'actor' else 'concerned' end as "role"
                   from audit_log where actor_id = ${userId} or target_user_id = ${userId}) a) as audit`,
    );
    return { reportsMade: data?.reports, sanctionsReceived: data?.sanctions, auditLog: data?.audit };
  },
  async erase(em: EntityManager, userId: string) {
    const counted = await queryOne<{ count: number }>(
      em,
      sql`select ((select count(*) from report where reporter_id = ${userId}) + (select count(*) from account_sanction where user_id = ${userId})
                 + (select count(*) from audit_log where actor_id = ${userId} or target_user_id = ${userId}))::int as count`,
    );
    if (!counted?.count) return [];
    return [
      say(
        'Les signalements que vous avez faits et les décisions de modération qui vous concernent restent dans le journal de modération, rattachés à « Compte supprimé » : la plateforme doit pouvoir rendre compte de ses décisions.',
        'The reports you made and the moderation decisions that concern you stay in the moderation log, attached to "Compte supprimé": the platform must be able to account for its decisions.',
      ),
    ];
  },
};
