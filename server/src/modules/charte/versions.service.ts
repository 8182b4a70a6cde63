import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { query, sql, whereAll } from '../../db/sql.js';
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
} from '../../graphql/connection.js';
import { isAdmin } from '../../graphql/auth.js';
import { badInput, conflict, FieldErrors, forbidden } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { CharterAmendment, AmendmentStatus } from './charter-amendment.entity.js';
import { diffArticles, markedText, type ArticleText } from './charter-diff.js';
import { CharterArticle, CharterVersion } from './charter-version.entity.js';
import { ArticleChange, DiffSegmentKind, type CharterDiff, type CharterVersionSummary } from './charte.types.js';
import { deName } from '../../i18n/french.js';

export const NOT_PUBLISHED = say('La charte n’est pas encore publiée.', 'The charter has not been published yet.');
const MAX_ARTICLES = 50;

export async function currentVersion(em: EntityManager): Promise<CharterVersion | null> {
  const [latest] = await em.find(CharterVersion, {}, { orderBy: { number: 'desc' }, limit: 1 });
  return latest ?? null;
}

/** A version by number, or the current one. */
export async function findVersion(em: EntityManager, number?: number | null): Promise<CharterVersion | null> {
  if (number == null) return currentVersion(em);
  return em.findOne(CharterVersion, { number });
}

export async function articlesOf(em: EntityManager, versionId: string): Promise<CharterArticle[]> {
  return em.find(CharterArticle, { version: versionId }, { orderBy: { number: 'asc' } });
}

/** Newest first (the number is unique; the id closes the keys as everywhere). */
const VERSION_ORDER: SortKey[] = [
  { expression: sql`n.number`, direction: 'desc' },
  { expression: sql`n.id`, direction: 'desc' },
];

/** A page of the version history (keyset), newest first, in one statement. */
export async function listVersions(
  em: EntityManager,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<CharterVersionSummary>> {
  const window = keysetWindow(args, VERSION_ORDER);
  const rows = await query<{
    id: string;
    number: number;
    published_at: string | Date;
    changelog: string;
    signature_count: number;
    amendment_count: number;
    is_current: boolean;
    total_count: number;
  }>(
    em,
    sql`select n.*, ${keysetColumns(VERSION_ORDER)},
       (select count(*)::int from charter_signature s where s.version_id = n.id and s.withdrawn_at is null) as signature_count,
       (select count(*)::int from charter_amendment a where a.incorporated_in_id = n.id) as amendment_count
     from (select v.id, v.number, v.published_at, v.changelog,
                  v.number = (select max(c.number) from charter_version c) as is_current,
                  ${boundedCount(sql`select 1 from charter_version`)} as total_count
             from charter_version v) n
     ${whereAll([afterCursor(VERSION_ORDER, window)])}
     ${keysetOrder(VERSION_ORDER)}
     limit ${window.limit + 1}`,
  );
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countBounded(em, sql`select 1 from charter_version`) : 0;
  const page = keysetConnection(rows, window, total);
  return {
    ...page,
    edges: page.edges.map(({ cursor, node: row }) => ({
      cursor,
      node: {
        id: row.id,
        number: row.number,
        publishedAt: new Date(row.published_at),
        changelog: row.changelog,
        signatureCount: row.signature_count,
        amendmentCount: row.amendment_count,
        isCurrent: row.is_current,
      },
    })),
  };
}

export function describeDiff(
  fromNumber: number,
  toNumber: number,
  before: readonly ArticleText[],
  after: readonly ArticleText[],
): CharterDiff {
  const articles = diffArticles(before, after).map((article) => ({
    number: article.number,
    change: article.change as ArticleChange,
    titleBefore: article.titleBefore,
    titleAfter: article.titleAfter,
    title: article.title.map((s) => ({ kind: s.kind as DiffSegmentKind, text: s.text })),
    body: article.body.map((s) => ({ kind: s.kind as DiffSegmentKind, text: s.text })),
    bodyMarked: markedText(article.body),
  }));
  return { fromNumber, toNumber, articles, changedCount: articles.filter((a) => a.change !== ArticleChange.UNCHANGED).length };
}

/** The differences between two published versions (two statements, whatever the number of articles). */
export async function diffVersions(em: EntityManager, fromNumber: number, toNumber: number): Promise<CharterDiff> {
  const rows = await query<{ version_number: number; number: number; title: string; body: string }>(
    em,
    sql`select v.number as version_number, a.number, a.title, a.body
     from charter_article a join charter_version v on v.id = a.version_id
     where v.number in (${fromNumber}, ${toNumber}) order by a.number`,
  );
  const found = new Set(rows.map((row) => row.version_number));
  const versions: Array<[number, string]> = [
    [fromNumber, 'from'],
    [toNumber, 'to'],
  ];
  for (const [number, field] of versions) {
    if (!found.has(number)) {
      const exists = await em.count(CharterVersion, { number });
      if (!exists)
        throw badInput({
          [field]: say(`La version ${number} de la charte n’existe pas.`, `Version ${number} of the charter does not exist.`),
        });
    }
  }
  const of = (number: number) => rows.filter((row) => row.version_number === number);
  return describeDiff(fromNumber, toNumber, of(fromNumber), of(toNumber));
}

export interface Draft {
  basedOn: CharterVersion | null;
  articles: ArticleText[];
  /** Accepted amendments applied to `articles`, in the order the committee accepted them. */
  amendments: CharterAmendment[];
  suggestedChangelog: string;
}

/**
 * The next version as it would be published now: the current articles with every accepted
 * amendment not yet published (its retained text, or else its proposed text, replaces the article
 * of the same number).
 */
export async function buildDraft(em: EntityManager): Promise<Draft> {
  const basedOn = await currentVersion(em);
  const articles: ArticleText[] = basedOn
    ? (await articlesOf(em, basedOn.id)).map(({ number, title, body }) => ({ number, title, body }))
    : [];
  const accepted = await em.find(
    CharterAmendment,
    { status: AmendmentStatus.ACCEPTED, incorporatedIn: null },
    { populate: ['article', 'author'], orderBy: { decidedAt: 'asc', id: 'asc' } },
  );
  const applied: CharterAmendment[] = [];
  for (const amendment of accepted) {
    const article = articles.find((a) => a.number === amendment.article.number);
    if (!article) continue;
    if (amendment.proposedTitle) article.title = amendment.proposedTitle;
    article.body = amendment.adoptedBody ?? amendment.proposedBody;
    applied.push(amendment);
  }
  const suggestedChangelog = applied
    .map((a) => `- Article ${a.article.number} : amendement ${deName(a.author.displayName)} accepté.`)
    .join('\n');
  return { basedOn, articles, amendments: applied, suggestedChangelog };
}

function checkArticles(input: Array<{ number: number; title: string; body: string }>, errors: FieldErrors): ArticleText[] {
  if (input.length === 0)
    errors.add('articles', say('La charte doit avoir au moins un article.', 'The charter needs at least one article.'));
  if (input.length > MAX_ARTICLES)
    errors.add(
      'articles',
      say(`La charte ne peut pas dépasser ${MAX_ARTICLES} articles.`, `The charter cannot exceed ${MAX_ARTICLES} articles.`),
    );
  const articles = input.map((article) => ({ number: article.number, title: article.title.trim(), body: article.body.trim() }));
  articles.forEach((article, index) => {
    if (article.number !== index + 1) {
      errors.add(
        `articles.${index}.number`,
        say(
          `Les articles sont numérotés 1, 2, 3… : celui-ci devrait être le ${index + 1}.`,
          `Articles are numbered 1, 2, 3…: this one should be ${index + 1}.`,
        ),
      );
    }
    if (!article.title)
      errors.add(`articles.${index}.title`, say(`Donnez un titre à l’article ${index + 1}.`, `Give article ${index + 1} a title.`));
    if (article.title.length > 200)
      errors.add(
        `articles.${index}.title`,
        say('Le titre ne peut pas dépasser 200 caractères.', 'The title cannot exceed 200 characters.'),
      );
    if (!article.body)
      errors.add(`articles.${index}.body`, say(`Écrivez le texte de l’article ${index + 1}.`, `Write the text of article ${index + 1}.`));
    if (article.body.length > 20_000)
      errors.add(
        `articles.${index}.body`,
        say('Le texte d’un article ne peut pas dépasser 20 000 caractères.', "An article's text cannot exceed 20,000 characters."),
      );
  });
  return articles;
}

/**
 * The committee publishes a new version: the text given, or the draft (current + accepted amendments).
 * Accepted amendments become part of it, and signatories of older versions are asked to sign again.
 */
export async function publishVersion(
  em: EntityManager,
  admin: User,
  input: { changelog: string; articles?: Array<{ number: number; title: string; body: string }> | null },
): Promise<CharterVersion> {
  if (!isAdmin(admin))
    throw forbidden(say('Seul le comité de la charte peut publier une version.', 'Only the charter committee can publish a version.'));
  const changelog = input.changelog.trim();
  const errors = new FieldErrors();
  if (changelog.length < 3)
    errors.add(
      'changelog',
      say('Dites en quelques mots ce qui change dans cette version.', 'Say in a few words what changes in this version.'),
    );
  if (changelog.length > 10_000)
    errors.add(
      'changelog',
      say('Le journal des changements ne peut pas dépasser 10 000 caractères.', 'The changelog cannot exceed 10,000 characters.'),
    );
  // Every mistake at once: the changelog and each article.
  const written = input.articles ? checkArticles(input.articles, errors) : null;
  errors.throwIfAny();

  try {
    return await em.transactional(async (tx) => {
      const draft = await buildDraft(tx);
      if (!input.articles && !draft.basedOn) {
        throw badInput({ articles: say('Écrivez les articles de la première version.', 'Write the articles of the first version.') });
      }
      const articles = written ?? draft.articles;
      if (draft.basedOn) {
        const previous = await articlesOf(tx, draft.basedOn.id);
        const same =
          previous.length === articles.length && previous.every((a, i) => a.title === articles[i].title && a.body === articles[i].body);
        if (same) {
          throw badInput({
            articles: say(
              `Rien n’a changé depuis la version ${draft.basedOn.number} : acceptez un amendement ou modifiez un article.`,
              `Nothing changed since version ${draft.basedOn.number}: accept an amendment or edit an article.`,
            ),
          });
        }
      }
      const version = tx.create(CharterVersion, {
        number: (draft.basedOn?.number ?? 0) + 1,
        changelog,
        publishedAt: new Date(),
        publishedBy: admin,
      });
      for (const article of articles) tx.create(CharterArticle, { version, ...article });
      for (const amendment of draft.amendments) amendment.incorporatedIn = version;
      await tx.flush();

      if (draft.basedOn) {
        // Everyone whose signature is of an older version is asked to sign again.
        const rows = await query<{ signer_id: string }>(
          tx,
          sql`select distinct signer_id from charter_signature s
           where s.withdrawn_at is null and s.version_id <> ${version.id}
             and not exists (select 1 from charter_signature n where n.version_id = ${version.id} and n.signer_id = s.signer_id and n.withdrawn_at is null)`,
        );
        await notify(
          tx,
          rows.map((row) => row.signer_id),
          {
            kind: 'charte.new_version',
            text: say(
              `La version ${version.number} de la charte attend votre signature.`,
              `Version ${version.number} of the charter awaits your signature.`,
            ),
            link: '/charte',
          },
          admin.id,
        );
      }
      return version;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict(
        say(
          'Une autre version vient d’être publiée à l’instant : rechargez la page.',
          'Another version was just published: reload the page.',
        ),
      );
    }
    throw error;
  }
}

export async function countSignatures(em: EntityManager, versionId: string): Promise<number> {
  const [row] = await query<{ count: number }>(
    em,
    sql`select count(*)::int as count from charter_signature where version_id = ${versionId} and withdrawn_at is null`,
  );
  return row.count;
}

/** Everyone in the public list: persons and organizations with a signature not withdrawn, whatever the version. */
export async function countSignatories(em: EntityManager): Promise<number> {
  const [row] = await query<{ count: number }>(
    em,
    sql`select count(distinct coalesce(organization_id, signer_id))::int as count from charter_signature where withdrawn_at is null`,
  );
  return row.count;
}
