/**
 * Card images of shared links: a 1200×630 PNG drawn from an SVG template with sharp.
 *
 * The letters are drawn as SVG paths from DejaVu Sans (the `dejavu-fonts-ttf` package, read with
 * opentype.js), so the card looks the same on a server without any font installed, and no text of
 * the item ever reaches the SVG as markup (nothing to escape, nothing to inject).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import sharp from 'sharp';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Bump when the drawing changes: every card's ETag changes with it. */
const TEMPLATE_VERSION = '1';

const require = createRequire(import.meta.url);
let fonts: { bold: opentype.Font; regular: opentype.Font } | null = null;
function loadFonts(): { bold: opentype.Font; regular: opentype.Font } {
  fonts ??= {
    bold: opentype.loadSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    regular: opentype.loadSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  };
  return fonts;
}

export interface CardDrawing {
  /** The small line above the title ("Agenda"). */
  label: string;
  title: string;
  lines: string[];
  /** Background colour, a `#rrggbb` written in the code. */
  colour: string;
}

/** Words of `text` in lines no wider than `width`; the last line ends with "…" when the text goes on. */
export function wrapText(font: opentype.Font, text: string, size: number, width: number, maxLines: number): string[] {
  const fits = (line: string) => font.getAdvanceWidth(line, size) <= width;
  const lines: string[] = [];
  let current = '';
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  for (let i = 0; i < words.length; i++) {
    let word = words[i];
    // A word wider than the line on its own is cut.
    while (!fits(word) && word.length > 1) {
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      if (current) lines.push(current);
      current = '';
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && !fits(`${last}…`)) last = last.slice(0, -1).trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

function textPath(font: opentype.Font, text: string, x: number, y: number, size: number, fill: string, opacity = 1): string {
  const d = font.getPath(text, x, y, size).toPathData(1);
  return d ? `<path d="${d}" fill="${fill}" fill-opacity="${opacity}"/>` : '';
}

/** The card as SVG (exported for the tests). */
export function cardSvg(card: CardDrawing): string {
  const { bold, regular } = loadFonts();
  if (!/^#[0-9a-f]{6}$/i.test(card.colour)) throw new Error(`Card colour must be #rrggbb: ${card.colour}`);
  const margin = 80;
  const width = CARD_WIDTH - 2 * margin;
  const titleSize = card.title.length > 70 ? 54 : 64;
  const title = wrapText(bold, card.title, titleSize, width, 3);
  const lines = card.lines
    .filter(Boolean)
    .slice(0, 2)
    .flatMap((line) => wrapText(regular, line, 34, width, 1));
  const parts: string[] = [];
  // The Maillage mark and name, then the section's word.
  parts.push(
    `<rect x="${margin}" y="56" width="56" height="56" rx="10" fill="#ffffff"/>`,
    `<path d="M${margin + 11} 98V70l17 17 17-17v28" fill="none" stroke="${card.colour}" stroke-width="5" stroke-linejoin="round"/>`,
    textPath(bold, 'Maillage', margin + 76, 98, 36, '#ffffff'),
    textPath(regular, card.label, margin, 190, 32, '#ffffff', 0.85),
  );
  let y = 190 + 30 + titleSize;
  for (const line of title) {
    parts.push(textPath(bold, line, margin, y, titleSize, '#ffffff'));
    y += Math.round(titleSize * 1.2);
  }
  y += 24;
  for (const line of lines) {
    parts.push(textPath(regular, line, margin, y, 34, '#ffffff', 0.92));
    y += 48;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">` +
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${card.colour}"/>` +
    `<rect y="${CARD_HEIGHT - 24}" width="${CARD_WIDTH}" height="24" fill="#ffffff" fill-opacity="0.25"/>` +
    parts.join('') +
    '</svg>'
  );
}

/** The ETag of a card: what it shows and the template's version. */
export function cardTag(card: CardDrawing, version: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([TEMPLATE_VERSION, version, card]))
    .digest('base64url')
    .slice(0, 22);
  return `"${hash}"`;
}

/** The last cards drawn (a drawing takes ~50 ms): a small LRU keyed by ETag. */
const cache = new Map<string, Buffer>();
const CACHE_SIZE = 200;

export async function renderCard(card: CardDrawing, tag: string): Promise<Buffer> {
  const hit = cache.get(tag);
  if (hit) {
    cache.delete(tag);
    cache.set(tag, hit);
    return hit;
  }
  const png = await sharp(Buffer.from(cardSvg(card)))
    .png({ compressionLevel: 9 })
    .toBuffer();
  cache.set(tag, png);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return png;
}
