import type { EntityManager } from '@mikro-orm/postgresql';
import { queryOne, sql } from '../../../db/sql.js';
import { say, type Lang } from '../../../i18n/lang.js';
import type { PrivacyProvider } from '../mes-donnees/mes-donnees-provider.js';
import { auditSummariesOf, type AuditLine } from './audit.service.js';

/**
 * Who acted on the person, when it was someone else: the log's sentence does not name them, as the rest of
 * "mes données" never does (a sanction says "la modération", an answer about a place does not say who gave it).
 */
const SOMEONE_IN_CHARGE = say('Un·e responsable', 'Someone in charge');

type ExportedLine = Omit<AuditLine, 'total_count'> & { role: 'actor' | 'concerned' };

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
    summary: say('Ce qui s’est passé', 'What happened'),
  },
  async exportData(em: EntityManager, userId: string, lang: Lang) {
    const data = await queryOne<{ reports: unknown; sanctions: unknown; audit: unknown }>(
      em,
      sql`select (select coalesce(json_agg(r order by r."createdAt"), '[]') from (
                 select content_type as "contentType", content_id as "contentId", reason, details, status, created_at as "createdAt"
                   from report where reporter_id = ${userId}) r) as reports,
              (select coalesce(json_agg(s order by s."createdAt"), '[]') from (
                 select kind, reason, until, created_at as "createdAt" from account_sanction where user_id = ${userId}) s) as sanctions,
              (select coalesce(json_agg(a order by a."createdAt", a.id), '[]') from (
                 select a.id, a.action, a.reason, a.content_type as "contentType", a.content_id as "contentId", a.created_at as "createdAt",
                        a.actor_id as "actorId", actor.display_name as "actorName", a.target_user_id as "targetUserId",
                        target.display_name as "targetName", a.data,
                        case when a.actor_id = ${userId} then 'actor' else 'concerned' end as "role"
                   from audit_log a
                   left join member_card actor on actor.id = a.actor_id
                   left join member_card target on target.id = a.target_user_id
                  where a.actor_id = ${userId} or a.target_user_id = ${userId}) a) as audit`,
    );
    const lines = (data?.audit ?? []) as ExportedLine[];
    // The sentence the journal shows, in the member's language; the other fields as before (no one else's id).
    const summaries = auditSummariesOf(
      lines.map((line) => ({
        ...line,
        actorName: line.actorId === null || line.actorId === userId ? line.actorName : SOMEONE_IN_CHARGE[lang],
      })),
      lang,
    );
    const auditLog = lines.map((line, index) => ({
      action: line.action,
      summary: summaries[index],
      reason: line.reason,
      contentType: line.contentType,
      contentId: line.contentId,
      createdAt: line.createdAt,
      role: line.role,
    }));
    return { reportsMade: data?.reports, sanctionsReceived: data?.sanctions, auditLog };
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
