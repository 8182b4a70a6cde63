import type { EntityManager } from '@mikro-orm/postgresql';
import { say } from '../../../i18n/lang.js';
import type { PrivacyProvider } from '../mes-donnees/mes-donnees-provider.js';

/** Reports made, sanctions received, and the audit-log lines that concern the person. */
export const moderationPrivacy: PrivacyProvider = {
  section: 'moderation',
  label: say('Signalements et modération', 'Reports and moderation'),
  async exportData(em: EntityManager, userId: string) {
    const [data] = await em.execute<{ reports: unknown; sanctions: unknown; audit: unknown }[]>(
      `select (select coalesce(json_agg(r order by r."createdAt"), '[]') from (
                 select content_type as "contentType", content_id as "contentId", reason, details, status, created_at as "createdAt"
                   from report where reporter_id = ?) r) as reports,
              (select coalesce(json_agg(s order by s."createdAt"), '[]') from (
                 select kind, reason, until, created_at as "createdAt" from account_sanction where user_id = ?) s) as sanctions,
              (select coalesce(json_agg(a order by a."createdAt"), '[]') from (
                 select action, reason, content_type as "contentType", content_id as "contentId", created_at as "createdAt",
                        case when actor_id = ? then 'actor' else 'concerned' end as "role"
                   from audit_log where actor_id = ? or target_user_id = ?) a) as audit`,
      [userId, userId, userId, userId, userId],
    );
    return { reportsMade: data.reports, sanctionsReceived: data.sanctions, auditLog: data.audit };
  },
  async erase(em: EntityManager, userId: string) {
    const [{ count }] = await em.execute<{ count: number }[]>(
      `select ((select count(*) from report where reporter_id = ?) + (select count(*) from account_sanction where user_id = ?)
              + (select count(*) from audit_log where actor_id = ? or target_user_id = ?))::int as count`,
      [userId, userId, userId, userId],
    );
    if (count === 0) return [];
    return [
      say(
        'Les signalements que vous avez faits et les décisions de modération qui vous concernent restent dans le journal de modération, rattachés à « Compte supprimé » : la plateforme doit pouvoir rendre compte de ses décisions.',
        'The reports you made and the moderation decisions that concern you stay in the moderation log, attached to "Compte supprimé": the platform must be able to account for its decisions.',
      ),
    ];
  },
};
