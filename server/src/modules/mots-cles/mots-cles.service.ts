import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../db/sql.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { normalizeTag } from '../../shared/tags.js';
import { User } from '../comptes/user.entity.js';
import { Tag, TagFollow } from './tag.entity.js';
import { labelForSlug } from './vocabulary.js';

export interface TagSpelling {
  slug: string;
  label: string;
}

/**
 * "Aidants Connect", "aidants_connect" → one slug each, the spelling kept as label (accents and
 * capitals included); a tag written as its bare slug ("demarches-en-ligne") gets its known label
 * (vocabulary.ts). No empties, no repeats.
 */
export function spellTags(raw: readonly string[]): TagSpelling[] {
  const seen = new Map<string, TagSpelling>();
  for (const written of raw) {
    const slug = normalizeTag(written);
    if (!slug || seen.has(slug)) continue;
    const typed = written
      .trim()
      .replace(/[_\s]+/g, ' ')
      .slice(0, 60);
    seen.set(slug, { slug, label: typed === slug ? labelForSlug(slug) : typed });
  }
  return [...seen.values()];
}

/**
 * Makes sure every tag exists in the shared list (new tags are welcome) and returns their slugs.
 * The same slug is the same tag: its first label stays, unless it is the bare slug of an older record,
 * or the slug made readable ("Atelier memoire") and the new spelling gives back the accents a slug
 * loses ("Atelier mémoire"); "ATELIER MEMOIRE" does not replace "Atelier memoire". Two people creating the same new tag at once is not an error.
 */
export async function ensureTags(em: EntityManager, tags: readonly TagSpelling[]): Promise<string[]> {
  if (tags.length === 0) return [];
  const values = sql.join(tags.map((tag) => sql`(${tag.slug}, ${tag.label})`));
  // The slug made readable, as humanizeSlug() (vocabulary.ts) writes it: slugs are plain ASCII words joined by hyphens.
  const readable = sql`upper(left(replace(tag.slug, '-', ' '), 1)) || substr(replace(tag.slug, '-', ' '), 2)`;
  await execute(
    em,
    sql`insert into tag (slug, label) values ${values}
        on conflict (slug) do update set label = excluded.label
        where excluded.label not in (tag.slug, ${readable})
          and (tag.label = tag.slug or (tag.label = ${readable} and excluded.label <> unaccent(excluded.label)))`,
  );
  return tags.map((tag) => tag.slug);
}

/** The tags of these slugs, in their order, with their labels (a slug missing from the list gets a readable one). */
export async function tagsOf(em: EntityManager, slugs: readonly string[]): Promise<Tag[]> {
  if (slugs.length === 0) return [];
  const rows = await query<{ slug: string; label: string; createdAt: Date }>(
    em,
    sql`select slug, label, created_at as "createdAt" from tag where slug = any(${pgTextArray(slugs)}::text[])`,
  );
  const found = new Map(rows.map((row) => [row.slug, row]));
  return slugs.map((slug) => (found.get(slug) ?? { slug, label: labelForSlug(slug), createdAt: new Date() }) as Tag);
}

export async function findTag(em: EntityManager, raw: string): Promise<Tag | null> {
  const slug = normalizeTag(raw);
  return slug ? em.findOne(Tag, { slug }) : null;
}

/** Follow or stop following a tag (idempotent both ways). */
export async function setTagFollow(em: EntityManager, user: User, tag: Tag, follow: boolean): Promise<void> {
  if (follow) {
    await execute(
      em,
      sql`insert into tag_follow (id, user_id, tag_slug) values (gen_random_uuid(), ${user.id}, ${tag.slug}) on conflict (user_id, tag_slug) do nothing`,
    );
  } else {
    await em.nativeDelete(TagFollow, { user: user.id, tag: tag.slug });
  }
}

export async function isFollowingTag(em: EntityManager, userId: string, slug: string): Promise<boolean> {
  return (await em.count(TagFollow, { user: userId, tag: slug })) > 0;
}

/** Who follows any of these tags. */
export async function tagFollowerIds(em: EntityManager, slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = await query<{ user_id: string }>(
    em,
    sql`select distinct user_id from tag_follow where tag_slug = any(${pgTextArray(slugs)}::text[])`,
  );
  return rows.map((row) => row.user_id);
}
