import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql, whereAll, type Sql } from '../../../db/sql.js';
import {
  afterCursor,
  boundedCount,
  countBounded,
  keysetColumns,
  keysetConnection,
  keysetOrder,
  keysetWindow,
  type Connection,
  type SortKey,
} from '../../../graphql/connection.js';
import { say, type Lang, type Text } from '../../../i18n/lang.js';
import { AuditLogEntry } from './audit-log.entity.js';
import { deName } from '../../../i18n/french.js';
import { auditSummaries, moderatedContentTypes } from '../plugs.js';

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

/** The sentence the log shows for one kind of action, in both languages. */
export type AuditSummary = (row: AuditRow) => Text;

const COMMAND_LINE = say('la console d’administration', 'the administration console');

/** What the content was, as a sentence says it ("une question", "la présentation d’un profil"); a kind no section declares any more keeps its key. */
const contentWords = (type: string | null): Text =>
  moderatedContentTypes().find((entry) => entry.type === type)?.label ?? say(`un contenu (${type ?? '?'})`, `content (${type ?? '?'})`);

/** The roles in words, not the API's keys ("member → moderator" on a French page). */
const ROLE_WORDS: Record<string, Text> = {
  member: say('membre', 'member'),
  moderator: say('modérateur·rice', 'moderator'),
  admin: say('administrateur·rice', 'administrator'),
};
const roleWords = (role: unknown): Text => ROLE_WORDS[String(role)] ?? say(String(role ?? '?'), String(role ?? '?'));

/** The commun's own actions; the sections' are declared in their `auditActions` (commun/plugs.ts). */
const ACTIONS: Record<string, AuditSummary> = {
  'moderation.hide': (r) =>
    say(
      `${r.actorName} a masqué ${contentWords(r.contentType).fr} ${deName(r.targetName ?? '?')}`,
      `${r.actorName} hid ${contentWords(r.contentType).en} by ${r.targetName ?? '?'}`,
    ),
  'moderation.restore': (r) =>
    say(
      `${r.actorName} a rétabli ${contentWords(r.contentType).fr} ${deName(r.targetName ?? '?')}`,
      `${r.actorName} restored ${contentWords(r.contentType).en} by ${r.targetName ?? '?'}`,
    ),
  'moderation.dismiss': (r) =>
    say(
      `${r.actorName} a classé sans suite les signalements sur ${contentWords(r.contentType).fr}`,
      `${r.actorName} dismissed the reports on ${contentWords(r.contentType).en}`,
    ),
  'moderation.warn': (r) => say(`${r.actorName} a averti ${r.targetName ?? '?'}`, `${r.actorName} warned ${r.targetName ?? '?'}`),
  'moderation.suspend': (r) =>
    say(
      `${r.actorName} a suspendu ${r.targetName ?? '?'} (${r.data?.days ?? '?'} j)`,
      `${r.actorName} suspended ${r.targetName ?? '?'} (${r.data?.days ?? '?'} d)`,
    ),
  'moderation.lift': (r) =>
    say(
      `${r.actorName} a levé la suspension ${deName(r.targetName ?? '?')}`,
      `${r.actorName} lifted the suspension of ${r.targetName ?? '?'}`,
    ),
  'role.change': (r) =>
    say(
      `${r.actorName} a changé le rôle ${deName(r.targetName ?? '?')} : ${roleWords(r.data?.from).fr} → ${roleWords(r.data?.to).fr}`,
      `${r.actorName} changed the role of ${r.targetName ?? '?'}: ${roleWords(r.data?.from).en} → ${roleWords(r.data?.to).en}`,
    ),
  'account.delete': () => say(`Un compte a été supprimé par son titulaire`, `An account was deleted by its holder`),
};

/** Newest first; lines written in one transaction share their instant, the id orders them. */
const AUDIT_ORDER: SortKey[] = [
  { expression: sql`a.created_at`, direction: 'desc' },
  { expression: sql`a.id`, direction: 'desc' },
];

export type AuditLine = Omit<AuditRow, 'summary' | 'actorName'> & { actorName: string | null; total_count: number };

/** The lines an audit query asks for (alias `a`). */
function auditFilter(args: AuditFilter): Sql {
  return whereAll([
    args.action ? sql`(a.action = ${args.action} or a.action like ${`${args.action}.%`})` : null,
    args.userId ? sql`(a.actor_id = ${args.userId} or a.target_user_id = ${args.userId})` : null,
    // Pages walk the index on (content_type, created_at, id): the answers about places among any number of other lines.
    args.contentType ? sql`a.content_type = ${args.contentType}` : null,
  ]);
}

interface AuditFilter {
  action?: string | null;
  userId?: string | null;
  /** The lines about one kind of content: `reseau.place` for the answers about places (/moderation/journal?action=lieux). */
  contentType?: string | null;
}

/**
 * The audit log, newest first, in one statement (names joined, total counted). Keyset pages
 * (docs/read-models.md): the cursor holds the instant and id of the last line seen.
 */
export async function listAuditLog(
  em: EntityManager,
  lang: Lang,
  args: { first?: number | null; after?: string | null } & AuditFilter,
): Promise<Connection<AuditRow>> {
  const window = keysetWindow(args, AUDIT_ORDER);
  const listed = sql`select 1 from audit_log a ${auditFilter(args)}`;
  const rows = await query<AuditLine>(
    em,
    sql`select a.id, a.created_at as "createdAt", a.action, a.actor_id as "actorId", actor.display_name as "actorName",
               a.target_user_id as "targetUserId", target.display_name as "targetName", a.content_type as "contentType",
               a.content_id as "contentId", a.reason, a.data, ${boundedCount(listed)} as total_count,
               ${keysetColumns(AUDIT_ORDER)}
          from (select a.* from audit_log a ${auditFilter(args)}) a
          left join member_card actor on actor.id = a.actor_id
          left join member_card target on target.id = a.target_user_id
        ${whereAll([afterCursor(AUDIT_ORDER, window)])}
        ${keysetOrder(AUDIT_ORDER)}
         limit ${window.limit + 1}`,
  );
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countBounded(em, listed) : 0;
  const page = keysetConnection(rows, window, total);
  const summaries = auditSentences();
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toAuditRow(edge.node, lang, summaries) })) };
}

/** Every action's sentence: the sections' `auditActions` and the commun's own. */
const auditSentences = (): Record<string, AuditSummary> => ({ ...auditSummaries(), ...ACTIONS });

/**
 * Says lines of the log in words, in one language, as /moderation/journal shows them: for "mes données"
 * (moderation.privacy.ts), whose lines are read by its own statement. An action nobody declares keeps its key.
 */
export function auditSummariesOf(lines: Omit<AuditLine, 'total_count'>[], lang: Lang): string[] {
  const summaries = auditSentences();
  return lines.map((line) => toAuditRow(line, lang, summaries).summary);
}

function toAuditRow(line: Omit<AuditLine, 'total_count'>, lang: Lang, summaries: Record<string, AuditSummary>): AuditRow {
  const entry: AuditRow = {
    id: line.id,
    createdAt: new Date(line.createdAt),
    action: line.action,
    actorId: line.actorId,
    actorName: line.actorName ?? COMMAND_LINE[lang],
    targetUserId: line.targetUserId,
    targetName: line.targetName,
    contentType: line.contentType,
    contentId: line.contentId,
    reason: line.reason,
    data: line.data,
    summary: '',
  };
  entry.summary = (summaries[entry.action]?.(entry) ?? say(entry.action, entry.action))[lang];
  return entry;
}
