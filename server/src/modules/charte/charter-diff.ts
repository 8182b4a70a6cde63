import { diffWords } from 'diff';

export type SegmentKind = 'same' | 'inserted' | 'deleted';

/** A run of words that stayed, were added or were removed. */
export interface Segment {
  kind: SegmentKind;
  text: string;
}

export type ArticleChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ArticleText {
  number: number;
  title: string;
  body: string;
}

export interface ArticleDiffResult {
  number: number;
  change: ArticleChangeKind;
  titleBefore: string | null;
  titleAfter: string | null;
  title: Segment[];
  body: Segment[];
}

/**
 * Word by word, so a one-word change in a long paragraph reads as one word, not as a new paragraph.
 * `diffWords` splits "l'autonomie" at the apostrophe; a change that stops inside a word is widened
 * to the whole word ("[- l'autonomie -][+ plus d'autonomie +]", not "[- l -][+ plus d +]'autonomie").
 */
export function wordDiff(before: string, after: string): Segment[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  type Hunk = { same: string } | { deleted: string; inserted: string };
  const hunks: Hunk[] = [];
  for (const change of diffWords(before, after)) {
    const last = hunks[hunks.length - 1];
    if (!change.added && !change.removed) hunks.push({ same: change.value });
    else if (last && 'deleted' in last) {
      if (change.added) last.inserted += change.value;
      else last.deleted += change.value;
    } else hunks.push(change.added ? { deleted: '', inserted: change.value } : { deleted: change.value, inserted: '' });
  }
  // Letters, digits, apostrophes and hyphens make a word: "l'autonomie", "tiers-lieu".
  const startsWithWord = (text: string) => /^[\p{L}\p{N}'’-]/u.test(text);
  const endsWithWord = (text: string) => /[\p{L}\p{N}'’-]$/u.test(text);
  for (let i = 0; i < hunks.length; i++) {
    const hunk = hunks[i];
    if (!('deleted' in hunk)) continue;
    const previous = hunks[i - 1];
    if (previous && 'same' in previous && endsWithWord(previous.same) && (startsWithWord(hunk.deleted) || startsWithWord(hunk.inserted))) {
      const piece = previous.same.match(/[\p{L}\p{N}'’-]+$/u)![0];
      previous.same = previous.same.slice(0, -piece.length);
      hunk.deleted = piece + hunk.deleted;
      hunk.inserted = piece + hunk.inserted;
      const before = hunks[i - 2];
      if (!previous.same && before && 'deleted' in before) {
        // The previous change now touches this one: one change, then look at it again.
        before.deleted += hunk.deleted;
        before.inserted += hunk.inserted;
        hunks.splice(i - 1, 2);
        i -= 3;
        continue;
      }
    }
    const next = hunks[i + 1];
    if (next && 'same' in next && startsWithWord(next.same) && (endsWithWord(hunk.deleted) || endsWithWord(hunk.inserted))) {
      const piece = next.same.match(/^[\p{L}\p{N}'’-]+/u)![0];
      next.same = next.same.slice(piece.length);
      hunk.deleted += piece;
      hunk.inserted += piece;
      const after = hunks[i + 2];
      if (!next.same && after && 'deleted' in after) {
        hunk.deleted += after.deleted;
        hunk.inserted += after.inserted;
        hunks.splice(i + 1, 2);
        i--;
      }
    }
  }
  const segments: Segment[] = [];
  for (const hunk of hunks) {
    if ('same' in hunk) {
      if (hunk.same) segments.push({ kind: 'same', text: hunk.same });
      continue;
    }
    if (hunk.deleted) segments.push({ kind: 'deleted', text: hunk.deleted });
    if (hunk.inserted) segments.push({ kind: 'inserted', text: hunk.inserted });
  }
  return segments;
}

/**
 * Articles are matched by number: article 3 of the old version against article 3 of the new one.
 * Every article of both versions appears once, in order.
 */
export function diffArticles(before: readonly ArticleText[], after: readonly ArticleText[]): ArticleDiffResult[] {
  const old = new Map(before.map((article) => [article.number, article]));
  const next = new Map(after.map((article) => [article.number, article]));
  const numbers = [...new Set([...old.keys(), ...next.keys()])].sort((a, b) => a - b);
  return numbers.map((number) => {
    const from = old.get(number);
    const to = next.get(number);
    const title = wordDiff(from?.title ?? '', to?.title ?? '');
    const body = wordDiff(from?.body ?? '', to?.body ?? '');
    const change: ArticleChangeKind = !from
      ? 'added'
      : !to
        ? 'removed'
        : from.title === to.title && from.body === to.body
          ? 'unchanged'
          : 'changed';
    return { number, change, titleBefore: from?.title ?? null, titleAfter: to?.title ?? null, title, body };
  });
}

/**
 * The same differences as plain text with markers that do not rely on colour or styling:
 * "[+ ajouté +]" and "[- supprimé -]" (for screen readers, notifications, copy and paste).
 */
export function markedText(segments: readonly Segment[]): string {
  return segments
    .map((segment) => {
      if (segment.kind === 'same') return segment.text;
      const text = segment.text.trim();
      if (!text) return segment.text;
      const marked = segment.kind === 'inserted' ? `[+ ${text} +]` : `[- ${text} -]`;
      // Keep the whitespace around the change outside the markers.
      const lead = segment.text.match(/^\s*/)?.[0] ?? '';
      const trail = segment.text.match(/\s*$/)?.[0] ?? '';
      return lead + marked + trail;
    })
    .join('');
}
