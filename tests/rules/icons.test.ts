/**
 * Icons are SVG drawings (web/src/lib/components/Icon.svelte), never emoji: where no emoji font is
 * installed (many Linux desktops, kiosks, older phones) an emoji shows as an empty box. This lists
 * every emoji or pictographic symbol left in the web app's pages, components, scripts and messages.
 * Plain typographic signs (arrows ←, dashes, "·", "…") are text and stay.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const webSrc = path.join(root, 'web/src');

/**
 * Emoji and pictographs, misc. symbols and dingbats (☕ ✔ ✎ ★), ⏳ ⌛ ⭐, the emoji presentation selector, and the circle
 * arrows ↺ ↻ that stand for "restore" or "reload" (an icon, drawn by few fonts, not a typographic sign).
 */
const PICTOGRAPH =
  /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{231A}\u{231B}\u{23E9}-\u{23FA}\u{2139}\u{21BA}\u{21BB}]|\u{FE0F}/gu;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return filesUnder(file);
    return /\.(svelte|ts|js|html|css)$/.test(name) && !name.endsWith('.d.ts') ? [file] : [];
  });
}

function pictographsIn(text: string): Array<{ line: number; sign: string }> {
  return [...text.matchAll(PICTOGRAPH)].map((match) => ({ line: text.slice(0, match.index).split('\n').length, sign: match[0] }));
}

describe('icons that always render', () => {
  it('recognizes emoji and symbols drawn by an emoji font, not typographic signs', () => {
    expect(pictographsIn('<span aria-hidden="true">📅</span> Agenda\n✔ Confirmé ⏳ ★ ⚙️ ↺ Rétablir').map((found) => found.sign)).toEqual([
      '📅',
      '✔',
      '⏳',
      '★',
      '⚙',
      '\u{FE0F}',
      '↺',
    ]);
    expect(pictographsIn('← Retour · 3 h 30 — « Démarches » … −10 h ↪ ≠')).toEqual([]);
  });

  it('has no emoji in web/src (use <Icon name="…" /> from $lib/components/Icon.svelte)', () => {
    const offences = filesUnder(webSrc).flatMap((file) =>
      pictographsIn(readFileSync(file, 'utf8')).map(
        ({ line, sign }) => `${path.relative(root, file)}:${line} "${sign}" (U+${sign.codePointAt(0)!.toString(16).toUpperCase()})`,
      ),
    );
    expect(offences).toEqual([]);
  });
});
