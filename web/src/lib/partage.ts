/**
 * What a shared link shows of a page (docs/web.md, "Partage"): a short description and the card image
 * the server draws for it (/cartes/<kind>/<id>.png, server/src/modules/commun/partage).
 */

/** The first words of a text (Markdown or plain) as one line of at most `max` characters, for a description. */
export function excerpt(text: string | null | undefined, max = 160): string {
  const plain = (text ?? '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images keep their words
    .replace(/[#>*_`~|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** Parts of a description joined by " · ", the empty ones left out. */
export function describe(...parts: Array<string | null | undefined | false>): string {
  return parts.filter(Boolean).join(' · ');
}

/**
 * The card image of an item. `updatedAt` names the content's version: the server then lets
 * browsers and link previews keep the image for good (it changes address when the content changes).
 */
export function cardImage(kind: 'evenement' | 'lieu' | 'question' | 'projet', id: string, updatedAt?: string | null): string {
  return `/cartes/${kind}/${id}.png${updatedAt ? `?v=${new Date(updatedAt).getTime()}` : ''}`;
}

/** A section's own card (its colour and name), for its main page. */
export function sectionImage(section: string): string {
  return `/cartes/${section}.png`;
}
