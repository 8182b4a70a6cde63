import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql, whereAll } from '../../../db/sql.js';
import { pageWindow, toConnection, type Connection } from '../../../graphql/connection.js';
import { say, type Lang, type Text } from '../../../i18n/lang.js';
import { AuditLogEntry } from './audit-log.entity.js';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  targetUserId?: string | null;
  contentType?: string | null;
  contentId?: string | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
}

/** Writes one line of the audit log, in the caller's transaction. */
export async function recordAudit(em: EntityManager, record: AuditRecord): Promise<void> {
  em.create(AuditLogEntry, {
    actor: record.actorId ?? null,
    action: record.action,
    targetUser: record.targetUserId ?? null,
    contentType: record.contentType ?? null,
    contentId: record.contentId ?? null,
    reason: record.reason ?? null,
    data: record.data ?? null,
  });
  await em.flush();
}

export interface AuditRow {
  id: string;
  createdAt: Date;
  action: string;
  actorId: string | null;
  actorName: string;
  targetUserId: string | null;
  targetName: string | null;
  contentType: string | null;
  contentId: string | null;
  reason: string | null;
  data: Record<string, unknown> | null;
  summary: string;
}

const COMMAND_LINE = say("la console d'administration", 'the administration console');

const ACTIONS: Record<string, (row: AuditRow) => Text> = {
  'moderation.hide': (r) =>
    say(
      `${r.actorName} a masqué un contenu (${r.contentType}) de ${r.targetName ?? '?'}`,
      `${r.actorName} hid content (${r.contentType}) by ${r.targetName ?? '?'}`,
    ),
  'moderation.restore': (r) =>
    say(
      `${r.actorName} a rétabli un contenu (${r.contentType}) de ${r.targetName ?? '?'}`,
      `${r.actorName} restored content (${r.contentType}) by ${r.targetName ?? '?'}`,
    ),
  'moderation.dismiss': (r) =>
    say(
      `${r.actorName} a classé sans suite les signalements d'un contenu (${r.contentType})`,
      `${r.actorName} dismissed the reports on content (${r.contentType})`,
    ),
  'moderation.warn': (r) => say(`${r.actorName} a averti ${r.targetName ?? '?'}`, `${r.actorName} warned ${r.targetName ?? '?'}`),
  'moderation.suspend': (r) =>
    say(
      `${r.actorName} a suspendu ${r.targetName ?? '?'} (${r.data?.days ?? '?'} j)`,
      `${r.actorName} suspended ${r.targetName ?? '?'} (${r.data?.days ?? '?'} d)`,
    ),
  'moderation.lift': (r) =>
    say(`${r.actorName} a levé la suspension de ${r.targetName ?? '?'}`, `${r.actorName} lifted the suspension of ${r.targetName ?? '?'}`),
  'role.change': (r) =>
    say(
      `${r.actorName} a changé le rôle de ${r.targetName ?? '?'} : ${r.data?.from ?? '?'} → ${r.data?.to ?? '?'}`,
      `${r.actorName} changed the role of ${r.targetName ?? '?'}: ${r.data?.from ?? '?'} → ${r.data?.to ?? '?'}`,
    ),
  'account.delete': () => say(`Un compte a été supprimé par son titulaire`, `An account was deleted by its holder`),
};

/** The audit log, newest first, in one statement (names joined, total counted). */
export async function listAuditLog(
  em: EntityManager,
  lang: Lang,
  args: { first?: number | null; after?: string | null; action?: string | null; userId?: string | null },
): Promise<Connection<AuditRow>> {
  const { limit, offset } = pageWindow(args);
  const where = whereAll([
    args.action ? sql`(a.action = ${args.action} or a.action like ${`${args.action}.%`})` : null,
    args.userId ? sql`(a.actor_id = ${args.userId} or a.target_user_id = ${args.userId})` : null,
  ]);
  const rows = await query<Omit<AuditRow, 'summary' | 'actorName'> & { actorName: string | null; total_count: string }>(
    em,
    sql`select a.id, a.created_at as "createdAt", a.action, a.actor_id as "actorId", actor.display_name as "actorName",
               a.target_user_id as "targetUserId", target.display_name as "targetName", a.content_type as "contentType",
               a.content_id as "contentId", a.reason, a.data, count(*) over () as total_count
          from audit_log a
          left join member_card actor on actor.id = a.actor_id
          left join member_card target on target.id = a.target_user_id
        ${where}
         order by a.created_at desc, a.id desc
         limit ${limit} offset ${offset}`,
  );
  const nodes = rows.map(({ total_count: _, ...row }) => {
    const entry: AuditRow = { ...row, createdAt: new Date(row.createdAt), actorName: row.actorName ?? COMMAND_LINE[lang], summary: '' };
    entry.summary = (ACTIONS[entry.action]?.(entry) ?? say(entry.action, entry.action))[lang];
    return entry;
  });
  return toConnection(nodes, offset, Number(rows[0]?.total_count ?? 0));
}
