import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { execute, query, queryOne, sql, whereAll, type Sql } from '../../../db/sql.js';
import { contentChanged } from '../content-changes.js';
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
import { FieldErrors, badInput, conflict, forbidden, notFound } from '../../../graphql/errors.js';
import { genderOf } from '../../../i18n/count.js';
import { say, type Lang, type Text } from '../../../i18n/lang.js';
import { renderMarkdown } from '../../../shared/markdown.js';
import { formatParisDateTime } from '../../../shared/local-time.js';
import { changeRole, revokeAllSessions } from '../../comptes/comptes.service.js';
import { AccountStatus, Role, User } from '../../comptes/user.entity.js';
import { notify } from '../notifications/notifications.service.js';
import { moderatedContentTypes } from '../plugs.js';
import { recordAudit } from './audit.service.js';
import { columnsOf, contentSelect, type ModeratedContentType } from './moderated-content.js';
import { assertCanPost } from './posting-limits.js';
import { ReportReason, ReportStatus } from './report.entity.js';
import { AccountSanction, SanctionKind } from './sanction.entity.js';

/** "publiée" after "une question", "publié" after "un projet": the participle agrees with the content's noun. */
const published = (label: string) => (genderOf(label) === 'feminine' ? 'publiée' : 'publié');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTENT_NOT_FOUND = say('Ce contenu n’existe pas ou plus.', 'This content does not exist.');

export function contentTypeOf(type: string): ModeratedContentType {
  const entry = moderatedContentTypes().find((candidate) => candidate.type === type);
  if (!entry)
    throw badInput({ contentType: say('Ce type de contenu ne peut pas être signalé.', 'This kind of content cannot be reported.') });
  return entry;
}

export interface ContentView {
  contentType: string;
  contentId: string;
  authorId: string | null;
  excerpt: string | null;
  /** The excerpt's Markdown rendered and sanitized, as on the content's own page. */
  excerptHtml: string | null;
  link: string | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
}

interface ContentRow {
  content_type: string;
  content_id: string;
  author_id: string | null;
  excerpt: string | null;
  link: string | null;
  hidden_at: string | null;
  hidden_reason: string | null;
}

function toContentView(row: ContentRow): ContentView {
  return {
    contentType: row.content_type,
    contentId: row.content_id,
    authorId: row.author_id,
    excerpt: row.excerpt,
    excerptHtml: row.excerpt === null ? null : renderMarkdown(row.excerpt),
    link: row.link,
    hiddenAt: row.hidden_at ? new Date(row.hidden_at) : null,
    hiddenReason: row.hidden_reason,
  };
}

/** One content, whatever its section, as moderation sees it. */
export async function findContent(em: EntityManager, type: string, id: string): Promise<ContentView | null> {
  const entry = contentTypeOf(type);
  if (!UUID.test(id)) return null;
  const row = await queryOne<ContentRow>(em, sql`${contentSelect(entry)} where t.${columnsOf(entry).id} = ${id}`);
  return row ? toContentView(row) : null;
}

function checkReason(errors: FieldErrors, field: string, reason: string | null | undefined, required: boolean): string | null {
  const text = reason?.trim() ?? '';
  if (required && text.length < 5)
    errors.add(field, say('Expliquez en quelques mots (5 caractères au moins).', 'Explain in a few words (at least 5 characters).'));
  if (text.length > 1000) errors.add(field, say('1 000 caractères au plus.', 'At most 1,000 characters.'));
  return text || null;
}

export interface ReportResult {
  contentType: string;
  contentId: string;
  alreadyReported: boolean;
}

/** Any member reports any registered content, once; the moderators hear of each new case. */
export async function reportContent(
  em: EntityManager,
  reporter: User,
  input: { contentType: string; contentId: string; reason: ReportReason; details?: string | null },
): Promise<ReportResult> {
  const errors = new FieldErrors();
  const details = checkReason(errors, 'details', input.details, input.reason === ReportReason.OTHER);
  errors.throwIfAny();
  const entry = contentTypeOf(input.contentType);
  const content = await findContent(em, entry.type, input.contentId);
  if (!content) throw notFound(CONTENT_NOT_FOUND);
  if (entry.canReport && !(await entry.canReport(em, reporter.id, content.contentId))) throw notFound(CONTENT_NOT_FOUND);
  if (content.authorId === reporter.id) {
    throw badInput({
      contentId: say(
        'Vous ne pouvez pas signaler votre propre contenu : vous pouvez le modifier ou le supprimer.',
        'You cannot report your own content: you can edit or delete it.',
      ),
    });
  }
  await assertCanPost(em, reporter, 'moderation.report');
  return em.transactional(async (tx) => {
    const inserted = await query<{ id: string }>(
      tx,
      sql`insert into report (id, reporter_id, content_type, content_id, reason, details)
          values (gen_random_uuid(), ${reporter.id}, ${entry.type}, ${content.contentId}, ${input.reason}, ${details})
          on conflict (reporter_id, content_type, content_id) do nothing returning id`,
    );
    if (inserted.length === 0) return { contentType: entry.type, contentId: content.contentId, alreadyReported: true };
    const counted = await queryOne<{ open: number }>(
      tx,
      sql`select count(*)::int as open from report where content_type = ${entry.type} and content_id = ${content.contentId} and status = 'open'`,
    );
    if (counted?.open === 1) {
      const moderators = await query<{ id: string }>(
        tx,
        sql`select id from member_card where role in ('moderator', 'admin') and status = 'active'`,
      );
      await notify(
        tx,
        moderators.map((m) => m.id),
        {
          kind: 'moderation.report',
          text: say(`Nouveau signalement : ${entry.label.fr}.`, `New report: ${entry.label.en}.`),
          link: '/moderation',
        },
        reporter.id,
      );
    }
    return { contentType: entry.type, contentId: content.contentId, alreadyReported: false };
  });
}

export enum QueueStatus {
  OPEN = 'open',
  CLOSED = 'closed',
}

export interface CaseReport {
  id: string;
  reason: ReportReason;
  details: string | null;
  createdAt: Date;
  reporterName: string;
}

export interface ModerationCase extends ContentView {
  contentLabel: string;
  reportCount: number;
  firstReportedAt: Date;
  lastReportedAt: Date;
  resolvedAt: Date | null;
  decision: ReportStatus;
  reports: CaseReport[];
  author: { id: string; displayName: string; status: AccountStatus; suspendedUntil: Date | null; warnings: number } | null;
}

/** One row of the queue's statement: a case, its content and its author (null when the content is gone). */
interface QueueRow extends ContentRow {
  report_count: number;
  first_reported_at: string;
  last_reported_at: string;
  resolved_at: string | null;
  decision: string;
  reports: Array<Omit<CaseReport, 'createdAt'> & { createdAt: string }>;
  author_name: string | null;
  author_status: string | null;
  author_suspended_until: string | null;
  author_warnings: number;
  total_count: number;
}

/** A case is one content: (content_id, content_type) is unique, so the last two keys make every key tuple unique. */
const CASE_KEYS: SortKey[] = [
  { expression: sql`g.content_id`, direction: 'asc' },
  { expression: sql`g.content_type`, direction: 'asc' },
];
/** OPEN: oldest first. */
const OPEN_ORDER: SortKey[] = [{ expression: sql`g.first_reported_at`, direction: 'asc' }, ...CASE_KEYS];
/** CLOSED: latest decisions first (a case without a decision date last). */
const CLOSED_ORDER: SortKey[] = [{ expression: sql`coalesce(g.resolved_at, '-infinity'::timestamptz)`, direction: 'desc' }, ...CASE_KEYS];

/** The reports a queue shows (alias `r`): open ones, or the closed ones of contents with no open report left. */
function queueFilter(open: boolean): Sql {
  return open
    ? sql`r.status = 'open'`
    : sql`r.status <> 'open' and not exists (select 1 from report o where o.content_type = r.content_type and o.content_id = r.content_id and o.status = 'open')`;
}

/**
 * The moderators' queue: one case per reported content, with its reports, its author and their
 * warnings so far — one SQL statement whatever the page size. OPEN: oldest first; CLOSED: latest decisions first.
 * Keyset pages (docs/read-models.md): the cursor holds the sort keys of the last case seen; only the
 * cases of the page are joined to their content and author.
 */
export async function moderationQueue(
  em: EntityManager,
  lang: Lang,
  args: { status?: QueueStatus | null; first?: number | null; after?: string | null },
): Promise<Connection<ModerationCase>> {
  const open = (args.status ?? QueueStatus.OPEN) === QueueStatus.OPEN;
  const order = open ? OPEN_ORDER : CLOSED_ORDER;
  const window = keysetWindow(args, order);
  const contents = sql.join(
    moderatedContentTypes().map(
      (entry) =>
        sql`${contentSelect(entry)} where t.${columnsOf(entry).id} in (select content_id from page where content_type = ${entry.type})`,
    ),
    sql`\nunion all\n`,
  );
  const cases = sql`select 1 from report r where ${queueFilter(open)} group by r.content_type, r.content_id`;
  const rows = await query<QueueRow>(
    em,
    sql`with grouped as (
       select r.content_type, r.content_id, count(*)::int as report_count, min(r.created_at) as first_reported_at,
              max(r.created_at) as last_reported_at, max(r.resolved_at) as resolved_at,
              (array_agg(r.status::text order by r.resolved_at desc nulls last))[1] as decision,
              json_agg(json_build_object('id', r.id, 'reason', r.reason, 'details', r.details, 'createdAt', r.created_at,
                                         'reporterName', u.display_name) order by r.created_at) as reports
         from report r join member_card u on u.id = r.reporter_id
        where ${queueFilter(open)}
        group by r.content_type, r.content_id
     ), page as (
       select g.*, ${boundedCount(cases)} as total_count, ${keysetColumns(order)}
         from grouped g
        ${whereAll([afterCursor(order, window)])}
        ${keysetOrder(order)}
        limit ${window.limit + 1}
     ), content as (${contents})
     select g.*, c.author_id, c.excerpt, c.link, c.hidden_at, c.hidden_reason,
            a.display_name as author_name, a.status as author_status, a.suspended_until as author_suspended_until,
            (select count(*)::int from account_sanction s where s.user_id = a.id and s.kind = 'warning') as author_warnings
       from page g
       left join content c on c.content_type = g.content_type and c.content_id = g.content_id
       left join member_card a on a.id = c.author_id
      ${keysetOrder(order)}`,
  );
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countBounded(em, cases) : 0;
  const page = keysetConnection(rows, window, total);
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toCase(edge.node, lang) })) };
}

function toCase(row: QueueRow, lang: Lang): ModerationCase {
  return {
    ...toContentView(row),
    contentLabel: moderatedContentTypes().find((entry) => entry.type === row.content_type)?.label[lang] ?? row.content_type,
    reportCount: row.report_count,
    firstReportedAt: new Date(row.first_reported_at),
    lastReportedAt: new Date(row.last_reported_at),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at) : null,
    decision: row.decision as ReportStatus,
    reports: row.reports.map((report) => ({ ...report, createdAt: new Date(report.createdAt) })),
    author: row.author_id
      ? {
          id: row.author_id,
          displayName: row.author_name ?? '',
          status: row.author_status as AccountStatus,
          suspendedUntil: row.author_suspended_until ? new Date(row.author_suspended_until) : null,
          warnings: row.author_warnings,
        }
      : null,
  };
}

async function closeReports(em: EntityManager, type: string, id: string, status: ReportStatus, moderator: User): Promise<string[]> {
  const rows = await query<{ reporter_id: string }>(
    em,
    sql`update report set status = ${status}, resolved_by_id = ${moderator.id}, resolved_at = now(), updated_at = now()
         where content_type = ${type} and content_id = ${id} and status = 'open' returning reporter_id`,
  );
  return rows.map((row) => row.reporter_id);
}

/** Hides a content for everyone but its author and the moderators; the author is told why. */
export async function hideContent(
  em: EntityManager,
  moderator: User,
  input: { contentType: string; contentId: string; reason: string },
): Promise<ContentView> {
  const errors = new FieldErrors();
  const reason = checkReason(errors, 'reason', input.reason, true)!;
  errors.throwIfAny();
  const entry = contentTypeOf(input.contentType);
  const columns = columnsOf(entry);
  return em.transactional(async (tx) => {
    if (!UUID.test(input.contentId)) throw notFound(CONTENT_NOT_FOUND);
    const updated = await execute(
      tx,
      sql`update ${columns.table} set ${columns.hiddenAt} = now(), ${columns.hiddenReason} = ${reason}
           where ${columns.id} = ${input.contentId} and ${columns.hiddenAt} is null`,
    );
    if (updated === 0) {
      if (!(await findContent(tx, entry.type, input.contentId))) throw notFound(CONTENT_NOT_FOUND);
      throw conflict(say('Ce contenu est déjà masqué.', 'This content is already hidden.'));
    }
    const content = (await findContent(tx, entry.type, input.contentId))!;
    await contentChanged(tx, { type: entry.type, id: input.contentId, change: 'removed' });
    const reporters = await closeReports(tx, entry.type, input.contentId, ReportStatus.UPHELD, moderator);
    await recordAudit(tx, {
      actorId: moderator.id,
      action: 'moderation.hide',
      targetUserId: content.authorId,
      contentType: entry.type,
      contentId: input.contentId,
      reason,
    });
    if (content.authorId) {
      await notify(
        tx,
        [content.authorId],
        {
          kind: 'moderation.hidden',
          text: say(
            `La modération a masqué ${entry.label.fr} que vous avez ${published(entry.label.fr)}. Motif : ${reason}`,
            `Moderation hid ${entry.label.en} you published. Reason: ${reason}`,
          ),
          link: content.link,
        },
        moderator.id,
      );
    }
    await notify(
      tx,
      reporters,
      {
        kind: 'moderation.report_handled',
        text: say('Merci pour votre signalement : le contenu a été masqué.', 'Thank you for your report: the content was hidden.'),
        link: null,
      },
      moderator.id,
    );
    return content;
  });
}

/** Shows a hidden content again; the author is told. */
export async function restoreContent(
  em: EntityManager,
  moderator: User,
  input: { contentType: string; contentId: string; reason?: string | null },
): Promise<ContentView> {
  const errors = new FieldErrors();
  const reason = checkReason(errors, 'reason', input.reason, false);
  errors.throwIfAny();
  const entry = contentTypeOf(input.contentType);
  const columns = columnsOf(entry);
  return em.transactional(async (tx) => {
    if (!UUID.test(input.contentId)) throw notFound(CONTENT_NOT_FOUND);
    const updated = await execute(
      tx,
      sql`update ${columns.table} set ${columns.hiddenAt} = null, ${columns.hiddenReason} = null
           where ${columns.id} = ${input.contentId} and ${columns.hiddenAt} is not null`,
    );
    if (updated === 0) {
      if (!(await findContent(tx, entry.type, input.contentId))) throw notFound(CONTENT_NOT_FOUND);
      throw conflict(say('Ce contenu n’est pas masqué.', 'This content is not hidden.'));
    }
    await contentChanged(tx, { type: entry.type, id: input.contentId, change: 'restored' });
    const content = (await findContent(tx, entry.type, input.contentId))!;
    await recordAudit(tx, {
      actorId: moderator.id,
      action: 'moderation.restore',
      targetUserId: content.authorId,
      contentType: entry.type,
      contentId: input.contentId,
      reason,
    });
    if (content.authorId) {
      await notify(
        tx,
        [content.authorId],
        {
          kind: 'moderation.restored',
          text: say(
            `La modération a rétabli ${entry.label.fr} que vous avez ${published(entry.label.fr)}.`,
            `Moderation restored ${entry.label.en} you published.`,
          ),
          link: content.link,
        },
        moderator.id,
      );
    }
    return content;
  });
}

/** Closes the open reports of a content that breaks no rule. */
export async function dismissReports(
  em: EntityManager,
  moderator: User,
  input: { contentType: string; contentId: string; reason?: string | null },
): Promise<ContentView> {
  const errors = new FieldErrors();
  const reason = checkReason(errors, 'reason', input.reason, false);
  errors.throwIfAny();
  const entry = contentTypeOf(input.contentType);
  return em.transactional(async (tx) => {
    const content = await findContent(tx, entry.type, input.contentId);
    if (!content) throw notFound(CONTENT_NOT_FOUND);
    const reporters = await closeReports(tx, entry.type, input.contentId, ReportStatus.DISMISSED, moderator);
    if (reporters.length === 0) throw conflict(say('Ce contenu n’a pas de signalement en attente.', 'This content has no pending report.'));
    await recordAudit(tx, {
      actorId: moderator.id,
      action: 'moderation.dismiss',
      targetUserId: content.authorId,
      contentType: entry.type,
      contentId: input.contentId,
      reason,
    });
    await notify(
      tx,
      reporters,
      {
        kind: 'moderation.report_handled',
        text: say(
          'Merci pour votre signalement. Après examen, la modération a laissé le contenu en ligne : il ne contrevient pas à la charte.',
          'Thank you for your report. After review, moderation left the content online: it does not break the charter.',
        ),
        link: content.link,
      },
      moderator.id,
    );
    return content;
  });
}

/** Who may sanction whom: never oneself, never an admin; moderators only by an admin. */
async function sanctionTarget(em: EntityManager, moderator: User, userId: string): Promise<User> {
  if (!UUID.test(userId)) throw notFound(say('Ce compte n’existe pas.', 'This account does not exist.'));
  const target = await em.findOne(User, { id: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!target || target.status === AccountStatus.DELETED) throw notFound(say('Ce compte n’existe pas.', 'This account does not exist.'));
  if (target.id === moderator.id) throw forbidden(say('Vous ne pouvez pas vous sanctionner vous-même.', 'You cannot sanction yourself.'));
  if (target.role === Role.ADMIN)
    throw forbidden(
      say(
        'Un administrateur ne peut pas être sanctionné : retirez-lui d’abord ce rôle.',
        'An admin cannot be sanctioned: remove the role first.',
      ),
    );
  if (target.role === Role.MODERATOR && moderator.role !== Role.ADMIN) {
    throw forbidden(say('Seul un administrateur peut sanctionner un modérateur.', 'Only an admin can sanction a moderator.'));
  }
  return target;
}

export async function warnMember(em: EntityManager, moderator: User, input: { userId: string; reason: string }): Promise<User> {
  const errors = new FieldErrors();
  const reason = checkReason(errors, 'reason', input.reason, true)!;
  errors.throwIfAny();
  return em.transactional(async (tx) => {
    const target = await sanctionTarget(tx, moderator, input.userId);
    tx.create(AccountSanction, { user: target, moderator: moderator.id, kind: SanctionKind.WARNING, reason });
    await recordAudit(tx, { actorId: moderator.id, action: 'moderation.warn', targetUserId: target.id, reason });
    await notify(
      tx,
      [target.id],
      {
        kind: 'moderation.warning',
        text: say(
          `Avertissement de la modération : ${reason}. Merci de respecter la charte du réseau ; en cas de récidive, votre compte pourra être suspendu.`,
          `Warning from moderation: ${reason}. Please respect the network's charter; if it happens again, your account may be suspended.`,
        ),
        link: '/charte',
      },
      moderator.id,
    );
    return target;
  });
}

export const MAX_SUSPENSION_DAYS = 365;

/** Suspends an account for some days: every session ends now, signing in is refused until then. */
export async function suspendMember(
  em: EntityManager,
  moderator: User,
  input: { userId: string; reason: string; days: number },
): Promise<User> {
  const errors = new FieldErrors();
  const reason = checkReason(errors, 'reason', input.reason, true)!;
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_SUSPENSION_DAYS) {
    errors.add(
      'days',
      say(`Une suspension dure de 1 à ${MAX_SUSPENSION_DAYS} jours.`, `A suspension lasts 1 to ${MAX_SUSPENSION_DAYS} days.`),
    );
  }
  errors.throwIfAny();
  return em.transactional(async (tx) => {
    const target = await sanctionTarget(tx, moderator, input.userId);
    const until = new Date(Date.now() + input.days * 24 * 3600 * 1000);
    target.status = AccountStatus.SUSPENDED;
    target.suspendedUntil = until;
    tx.create(AccountSanction, { user: target, moderator: moderator.id, kind: SanctionKind.SUSPENSION, reason, until });
    await tx.flush();
    await revokeAllSessions(tx, target.id);
    await recordAudit(tx, {
      actorId: moderator.id,
      action: 'moderation.suspend',
      targetUserId: target.id,
      reason,
      data: { days: input.days, until: until.toISOString() },
    });
    await notify(
      tx,
      [target.id],
      {
        kind: 'moderation.suspended',
        text: say(
          `Votre compte est suspendu jusqu’au ${formatParisDateTime(until, 'fr')}. Motif : ${reason}`,
          `Your account is suspended until ${formatParisDateTime(until, 'en')}. Reason: ${reason}`,
        ),
        link: null,
      },
      moderator.id,
    );
    return target;
  });
}

export async function liftSuspension(em: EntityManager, moderator: User, input: { userId: string; reason?: string | null }): Promise<User> {
  const errors = new FieldErrors();
  const reason = checkReason(errors, 'reason', input.reason, false);
  errors.throwIfAny();
  return em.transactional(async (tx) => {
    const target = await sanctionTarget(tx, moderator, input.userId);
    if (target.status !== AccountStatus.SUSPENDED) throw conflict(say('Ce compte n’est pas suspendu.', 'This account is not suspended.'));
    target.status = AccountStatus.ACTIVE;
    target.suspendedUntil = null;
    tx.create(AccountSanction, { user: target, moderator: moderator.id, kind: SanctionKind.LIFTED, reason: reason ?? '' });
    await tx.flush();
    await recordAudit(tx, { actorId: moderator.id, action: 'moderation.lift', targetUserId: target.id, reason });
    await notify(
      tx,
      [target.id],
      {
        kind: 'moderation.suspended',
        text: say(
          'La suspension de votre compte est levée : vous pouvez de nouveau vous connecter.',
          'Your account is no longer suspended: you can sign in again.',
        ),
        link: null,
      },
      moderator.id,
    );
    return target;
  });
}

/** An admin changes someone's platform role (logged). */
export async function setUserRole(em: EntityManager, admin: User, input: { userId: string; role: Role }): Promise<User> {
  if (!UUID.test(input.userId)) throw notFound(say('Ce compte n’existe pas.', 'This account does not exist.'));
  return em.transactional(async (tx) => {
    const target = await tx.findOne(User, { id: input.userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!target || target.status === AccountStatus.DELETED) throw notFound(say('Ce compte n’existe pas.', 'This account does not exist.'));
    return changeRole(tx, admin, target, input.role);
  });
}

export function labelOf(type: string): Text | undefined {
  return moderatedContentTypes().find((entry) => entry.type === type)?.label;
}
