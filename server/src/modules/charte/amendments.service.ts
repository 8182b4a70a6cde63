import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { query, queryOne, sql, type Sql } from '../../db/sql.js';
import { keysetWindow, type Connection, keysetPage, mapNodes, type SortKey } from '../../graphql/connection.js';
import { isAdmin, isModerator } from '../../graphql/auth.js';
import { conflict, FieldErrors, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { hasProfile } from '../comptes/comptes.read.js';
import { Role, User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { AmendmentStatus, CharterAmendment, CharterAmendmentComment, CharterAmendmentSupport } from './charter-amendment.entity.js';
import { CharterArticle } from './charter-version.entity.js';
import type { Amendment, AmendmentComment } from './charte.types.js';
import { isUuid } from './ids.js';
import { hasSignedCurrent } from './signatures.service.js';
import { currentVersion, NOT_PUBLISHED } from './versions.service.js';
import { assertCanPost } from '../commun/moderation/posting-limits.js';
import type { Viewer as Member } from '../comptes/viewer.js';

const AMENDMENT_NOT_FOUND = say('Cet amendement n’existe pas ou plus.', 'This amendment does not exist.');
const NOT_OPEN = say(
  'La discussion de cet amendement est close : le comité a déjà répondu.',
  'The discussion of this amendment is closed: the committee already answered.',
);

export const amendmentLink = (id: string) => `/charte/amendements/${id}`;

/** Who is looking, for what hidden content they may still see. */
export interface Viewer {
  id: string | null;
  moderator: boolean;
}
export const viewerOf = (user: Member | null): Viewer => ({ id: user?.id ?? null, moderator: isModerator(user) });

/** One row of `amendmentRows()`. */
interface AmendmentRow {
  id: string;
  proposed_title: string | null;
  proposed_body: string;
  reason: string;
  status: string;
  created_at: string | Date;
  decided_at: string | Date | null;
  decision_reply: string | null;
  adopted_body: string | null;
  hidden_at: string | Date | null;
  hidden_reason: string | null;
  article_id: string;
  article_number: number;
  article_title: string;
  article_body: string;
  version_number: number;
  author_id: string;
  author_name: string;
  author_has_profile: boolean;
  incorporated_number: number | null;
  support_count: number;
  comment_count: number;
  supported_by_me: boolean;
  total_count: number;
}

/**
 * Amendments as the API shows them, with counts and "supported by me", in one statement.
 * `rest` follows the visibility condition: more `and …` conditions, then maybe an order.
 */
function amendmentRows(viewer: Viewer, rest: Sql): Sql {
  return sql`
  select a.id, a.proposed_title, a.proposed_body, a.reason, a.status, a.created_at, a.decided_at, a.decision_reply,
    a.adopted_body, a.hidden_at, a.hidden_reason,
    ar.id as article_id, ar.number as article_number, ar.title as article_title, ar.body as article_body, v.number as version_number,
    u.id as author_id, u.display_name as author_name, ${hasProfile('u')} as author_has_profile, iv.number as incorporated_number,
    (select count(*)::int from charter_amendment_support s where s.amendment_id = a.id) as support_count,
    (select count(*)::int from charter_amendment_comment c where c.amendment_id = a.id and c.hidden_at is null) as comment_count,
    exists (select 1 from charter_amendment_support s where s.amendment_id = a.id and s.user_id = ${viewer.id}) as supported_by_me
  from charter_amendment a
  join charter_article ar on ar.id = a.article_id
  join charter_version v on v.id = ar.version_id
  join member_card u on u.id = a.author_id
  left join charter_version iv on iv.id = a.incorporated_in_id
  where (a.hidden_at is null or a.author_id = ${viewer.id} or ${viewer.moderator}::boolean) ${rest}`;
}

function toAmendment(row: AmendmentRow): Amendment {
  return {
    id: row.id,
    article: {
      id: row.article_id,
      number: row.article_number,
      title: row.article_title,
      body: row.article_body,
      versionNumber: row.version_number,
    },
    author: { id: row.author_id, displayName: row.author_name, hasProfile: row.author_has_profile },
    proposedTitle: row.proposed_title,
    proposedBody: row.proposed_body,
    reason: row.reason,
    status: row.status as AmendmentStatus,
    createdAt: new Date(row.created_at),
    decidedAt: row.decided_at ? new Date(row.decided_at) : null,
    decisionReply: row.decision_reply,
    adoptedBody: row.adopted_body,
    incorporatedInVersion: row.incorporated_number,
    supportCount: row.support_count,
    commentCount: row.comment_count,
    supportedByMe: row.supported_by_me,
    hiddenAt: row.hidden_at ? new Date(row.hidden_at) : null,
    hiddenReason: row.hidden_reason,
  };
}

/** Open amendments first, then the newest; the id breaks ties between amendments of the same instant. */
const AMENDMENT_ORDER: SortKey[] = [
  { expression: sql`(n.status = 'open')`, direction: 'desc' },
  { expression: sql`n.created_at`, direction: 'desc' },
  { expression: sql`n.id`, direction: 'asc' },
];

/** A page of amendments (keyset): open ones first, then the newest. One statement. */
export async function listAmendments(
  em: EntityManager,
  viewer: Viewer,
  filters: { status?: AmendmentStatus | null; articleNumber?: number | null; first?: number | null; after?: string | null },
): Promise<Connection<Amendment>> {
  const window = keysetWindow(filters, AMENDMENT_ORDER);
  const status = filters.status ? sql`and a.status = ${filters.status}` : sql.empty;
  const article = filters.articleNumber != null ? sql`and ar.number = ${filters.articleNumber}` : sql.empty;
  const listed = amendmentRows(viewer, sql`${status} ${article}`);
  const page = await keysetPage<AmendmentRow>(em, listed, AMENDMENT_ORDER, window);
  return mapNodes(page, toAmendment);
}

/** One amendment, or null when it does not exist or is hidden from this viewer. */
export async function findAmendment(em: EntityManager, viewer: Viewer, id: string): Promise<Amendment | null> {
  if (!isUuid(id)) return null;
  const row = await queryOne<AmendmentRow>(em, amendmentRows(viewer, sql`and a.id = ${id}`));
  return row ? toAmendment(row) : null;
}

export async function amendmentsByIds(em: EntityManager, viewer: Viewer, ids: string[]): Promise<Amendment[]> {
  if (ids.length === 0) return [];
  const list = sql.join(ids.map((id) => sql`${id}`));
  const rows = await query<AmendmentRow>(em, amendmentRows(viewer, sql`and a.id in (${list}) order by a.decided_at, a.id`));
  return rows.map(toAmendment);
}

/** An amendment members can act on: exists, not hidden. */
async function visibleAmendment(em: EntityManager, id: string): Promise<CharterAmendment> {
  if (!isUuid(id)) throw notFound(AMENDMENT_NOT_FOUND);
  const amendment = await em.findOne(CharterAmendment, { id, hiddenAt: null }, { populate: ['article'] });
  if (!amendment) throw notFound(AMENDMENT_NOT_FOUND);
  return amendment;
}

async function committeeIds(em: EntityManager): Promise<string[]> {
  return (await em.find(User, { role: Role.ADMIN }, { fields: ['id'] })).map((user) => user.id);
}

/** A signatory of the current version proposes to rewrite one of its articles, and says why. */
export async function proposeAmendment(
  em: EntityManager,
  user: User,
  input: { articleId: string; proposedTitle?: string | null; proposedBody: string; reason: string },
): Promise<string> {
  const version = await currentVersion(em);
  if (!version) throw notFound(NOT_PUBLISHED);
  const article = isUuid(input.articleId) ? await em.findOne(CharterArticle, { id: input.articleId }, { populate: ['version'] }) : null;
  if (!article) throw notFound(say('Cet article n’existe pas.', 'This article does not exist.'));
  if (!(await hasSignedCurrent(em, user.id))) {
    throw forbidden(
      say(
        `Pour proposer un amendement, signez d’abord la version ${version.number} de la charte.`,
        `To propose an amendment, first sign version ${version.number} of the charter.`,
      ),
    );
  }
  const proposedBody = input.proposedBody.trim();
  const proposedTitle = input.proposedTitle?.trim() || null;
  const reason = input.reason.trim();
  const errors = new FieldErrors();
  if (article.version.id !== version.id) {
    errors.add(
      'articleId',
      say(
        `Cet article est celui de la version ${article.version.number} : amendez la version en vigueur (${version.number}).`,
        `This article belongs to version ${article.version.number}: amend the current version (${version.number}).`,
      ),
    );
  }
  if (!proposedBody) errors.add('proposedBody', say('Écrivez l’article tel que vous le proposez.', 'Write the article as you propose it.'));
  else if (proposedBody.length > 20_000)
    errors.add('proposedBody', say('Le texte ne peut pas dépasser 20 000 caractères.', 'The text cannot exceed 20,000 characters.'));
  else if (proposedBody === article.body.trim() && (!proposedTitle || proposedTitle === article.title)) {
    errors.add(
      'proposedBody',
      say('Votre texte est identique à l’article actuel : modifiez-le.', 'Your text is the same as the current article: change it.'),
    );
  }
  if (proposedTitle && proposedTitle.length > 200)
    errors.add('proposedTitle', say('Le titre ne peut pas dépasser 200 caractères.', 'The title cannot exceed 200 characters.'));
  if (reason.length < 10)
    errors.add(
      'reason',
      say(
        'Expliquez en une phrase au moins pourquoi vous proposez ce changement.',
        'Explain in at least one sentence why you propose this change.',
      ),
    );
  else if (reason.length > 5_000)
    errors.add('reason', say('La justification ne peut pas dépasser 5 000 caractères.', 'The reason cannot exceed 5,000 characters.'));
  errors.throwIfAny();

  await assertCanPost(em, user, 'charte.amendment');
  return em.transactional(async (tx) => {
    const amendment = tx.create(CharterAmendment, { article, author: user, proposedTitle, proposedBody, reason });
    await tx.flush();
    await notify(
      tx,
      await committeeIds(tx),
      {
        kind: 'charte.amendment_proposed',
        text: say(
          `${user.displayName} propose un amendement à l’article ${article.number} de la charte.`,
          `${user.displayName} proposes an amendment to article ${article.number} of the charter.`,
        ),
        link: amendmentLink(amendment.id),
      },
      user.id,
    );
    return amendment.id;
  });
}

/** "Je soutiens": one per member; the author's support goes without saying. */
export async function supportAmendment(em: EntityManager, user: User, amendmentId: string): Promise<void> {
  const amendment = await visibleAmendment(em, amendmentId);
  if (amendment.status !== AmendmentStatus.OPEN) throw conflict(NOT_OPEN);
  if (amendment.author.id === user.id) {
    throw conflict(
      say('Vous êtes l’auteur de cet amendement : votre soutien va de soi.', 'You wrote this amendment: your support goes without saying.'),
    );
  }
  try {
    em.create(CharterAmendmentSupport, { amendment, user });
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw conflict(say('Vous soutenez déjà cet amendement.', 'You already support this amendment.'));
    throw error;
  }
}

export async function withdrawSupport(em: EntityManager, user: User, amendmentId: string): Promise<void> {
  const amendment = await visibleAmendment(em, amendmentId);
  if (amendment.status !== AmendmentStatus.OPEN) throw conflict(NOT_OPEN);
  const removed = await em.nativeDelete(CharterAmendmentSupport, { amendment: amendment.id, user: user.id });
  if (removed === 0) throw notFound(say('Vous ne souteniez pas cet amendement.', 'You did not support this amendment.'));
}

/** Any member may join the discussion while the amendment is open. */
export async function commentAmendment(
  em: EntityManager,
  user: User,
  input: { amendmentId: string; body: string },
): Promise<AmendmentComment> {
  const amendment = await visibleAmendment(em, input.amendmentId);
  const body = input.body.trim();
  const errors = new FieldErrors();
  if (!body) errors.add('body', say('Écrivez votre commentaire.', 'Write your comment.'));
  if (body.length > 5_000)
    errors.add('body', say('Un commentaire ne peut pas dépasser 5 000 caractères.', 'A comment cannot exceed 5,000 characters.'));
  errors.throwIfAny();
  if (amendment.status !== AmendmentStatus.OPEN) throw conflict(NOT_OPEN);
  await assertCanPost(em, user, 'charte.amendment_comment');
  const comment = await em.transactional(async (tx) => {
    const comment = tx.create(CharterAmendmentComment, { amendment, author: user, body });
    await tx.flush();
    await notify(
      tx,
      [amendment.author.id],
      {
        kind: 'charte.amendment_comment',
        text: say(
          `${user.displayName} a commenté votre amendement à l’article ${amendment.article.number}.`,
          `${user.displayName} commented on your amendment to article ${amendment.article.number}.`,
        ),
        link: amendmentLink(amendment.id),
      },
      user.id,
    );
    return comment;
  });
  return {
    id: comment.id,
    amendmentId: amendment.id,
    author: { id: user.id, displayName: user.displayName, hasProfile: true }, // who is writing
    body,
    createdAt: comment.createdAt,
    hiddenAt: null,
    hiddenReason: null,
  };
}

/** Oldest first; the id breaks ties between comments of the same instant. */
const COMMENT_ORDER: SortKey[] = [
  { expression: sql`n.created_at`, direction: 'asc' },
  { expression: sql`n.id`, direction: 'asc' },
];

/**
 * A page of the discussion (keyset), oldest first, in one statement (after the check that the amendment
 * is visible). Hidden comments stay visible to their author and moderators.
 */
export async function listComments(
  em: EntityManager,
  viewer: Viewer,
  args: { amendmentId: string; first?: number | null; after?: string | null },
): Promise<Connection<AmendmentComment>> {
  const window = keysetWindow(args, COMMENT_ORDER);
  const amendmentId = args.amendmentId;
  if (!isUuid(amendmentId)) throw notFound(AMENDMENT_NOT_FOUND);
  const visible = await em.count(CharterAmendment, {
    id: amendmentId,
    ...(viewer.moderator ? {} : { $or: [{ hiddenAt: null }, { author: viewer.id }] }),
  });
  if (!visible) throw notFound(AMENDMENT_NOT_FOUND);
  const listed = sql`select c.id, c.amendment_id, c.body, c.created_at, c.hidden_at, c.hidden_reason, u.id as author_id, u.display_name as author_name,
       ${hasProfile('u')} as author_has_profile
     from charter_amendment_comment c join member_card u on u.id = c.author_id
     where c.amendment_id = ${amendmentId} and (c.hidden_at is null or c.author_id = ${viewer.id} or ${viewer.moderator}::boolean)`;
  const page = await keysetPage<{
    id: string;
    amendment_id: string;
    body: string;
    created_at: string | Date;
    hidden_at: string | Date | null;
    hidden_reason: string | null;
    author_id: string;
    author_name: string;
    author_has_profile: boolean;
    total_count: number;
  }>(em, listed, COMMENT_ORDER, window);
  return mapNodes(page, (row) => ({
    id: row.id,
    amendmentId: row.amendment_id,
    author: { id: row.author_id, displayName: row.author_name, hasProfile: row.author_has_profile },
    body: row.body,
    createdAt: new Date(row.created_at),
    hiddenAt: row.hidden_at ? new Date(row.hidden_at) : null,
    hiddenReason: row.hidden_reason,
  }));
}

/** The author withdraws their proposal before the committee decides. */
export async function withdrawAmendment(em: EntityManager, user: User, amendmentId: string): Promise<void> {
  const amendment = await visibleAmendment(em, amendmentId);
  if (amendment.author.id !== user.id)
    throw forbidden(say('Seul l’auteur peut retirer son amendement.', 'Only its author can withdraw an amendment.'));
  const changed = await em.nativeUpdate(
    CharterAmendment,
    { id: amendment.id, status: AmendmentStatus.OPEN },
    { status: AmendmentStatus.WITHDRAWN },
  );
  if (changed === 0) throw conflict(NOT_OPEN);
}

/**
 * The committee (platform admins) accepts or rejects, with a reply. An accepted amendment waits
 * for the next version. Two accepted amendments to one article must be merged: the second needs
 * the retained text (`adoptedBody`), or it would silently replace the first.
 */
export async function decideAmendment(
  em: EntityManager,
  admin: User,
  input: { amendmentId: string; decision: 'accepted' | 'rejected'; reply: string; adoptedBody?: string | null },
): Promise<void> {
  if (!isAdmin(admin))
    throw forbidden(say('Seul le comité de la charte décide des amendements.', 'Only the charter committee decides on amendments.'));
  const reply = input.reply.trim();
  const adoptedBody = input.decision === 'accepted' ? input.adoptedBody?.trim() || null : null;
  const errors = new FieldErrors();
  if (reply.length < 3)
    errors.add('reply', say('Expliquez la décision à l’auteur et au réseau.', 'Explain the decision to the author and the network.'));
  if (reply.length > 5_000)
    errors.add('reply', say('La réponse ne peut pas dépasser 5 000 caractères.', 'The reply cannot exceed 5,000 characters.'));
  if (adoptedBody && adoptedBody.length > 20_000)
    errors.add('adoptedBody', say('Le texte ne peut pas dépasser 20 000 caractères.', 'The text cannot exceed 20,000 characters.'));
  errors.throwIfAny();

  if (!isUuid(input.amendmentId)) throw notFound(AMENDMENT_NOT_FOUND);
  await em.transactional(async (tx) => {
    // Locked: two committee members deciding at once decide once.
    // (The lock is taken on the amendment alone: a locking join would lose the row after the wait.)
    const amendment = await tx.findOne(CharterAmendment, { id: input.amendmentId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!amendment) throw notFound(AMENDMENT_NOT_FOUND);
    await tx.populate(amendment, ['article']);
    if (amendment.status !== AmendmentStatus.OPEN) {
      throw conflict(
        say(
          'Le comité a déjà répondu à cet amendement, ou son auteur l’a retiré.',
          'The committee already answered this amendment, or its author withdrew it.',
        ),
      );
    }
    if (input.decision === 'accepted' && !adoptedBody) {
      const pending = await tx.count(CharterAmendment, {
        id: { $ne: amendment.id },
        status: AmendmentStatus.ACCEPTED,
        incorporatedIn: null,
        article: { number: amendment.article.number },
      });
      if (pending > 0) {
        throw conflict(
          say(
            `Un autre amendement accepté modifie déjà l’article ${amendment.article.number} : écrivez le texte retenu qui réunit les deux.`,
            `Another accepted amendment already changes article ${amendment.article.number}: write the retained text that merges both.`,
          ),
          { field: 'adoptedBody' },
        );
      }
    }
    amendment.status = input.decision === 'accepted' ? AmendmentStatus.ACCEPTED : AmendmentStatus.REJECTED;
    amendment.decidedAt = new Date();
    amendment.decidedBy = admin;
    amendment.decisionReply = reply;
    amendment.adoptedBody = adoptedBody;
    await tx.flush();
    const supporters = await tx.find(CharterAmendmentSupport, { amendment: amendment.id }, { fields: ['user'] });
    const number = amendment.article.number;
    await notify(
      tx,
      [amendment.author.id, ...supporters.map((s) => s.user.id)],
      {
        kind: 'charte.amendment_decided',
        text:
          input.decision === 'accepted'
            ? say(
                `L’amendement à l’article ${number} est accepté : il entrera dans la prochaine version de la charte.`,
                `The amendment to article ${number} is accepted: it will be in the next version of the charter.`,
              )
            : say(
                `L’amendement à l’article ${number} n’est pas retenu par le comité.`,
                `The amendment to article ${number} was not retained by the committee.`,
              ),
        link: amendmentLink(amendment.id),
      },
      admin.id,
    );
  });
}
