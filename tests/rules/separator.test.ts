/**
 * `SEPARATOR` (web/src/lib/i18n/index.ts) starts with a no-break space that holds "·" to the word before it.
 * Written at the start of a template line, after a line break, it follows the space Svelte keeps for that
 * break: the page shows two spaces before "·" ("9 h 56  · Savenay"). The separator goes right after what it
 * follows, on the same line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const webSrc = path.join(root, 'web/src');

function svelteFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return svelteFilesUnder(file);
    return name.endsWith('.svelte') ? [file] : [];
  });
}

/** A line whose first template node is the separator, alone or as the first thing of a block. */
const SEPARATOR_AFTER_BREAK = /^\s+(?:\{[#:][^\n{}]*(?:\{[^\n{}]*\}[^\n{}]*)*\})*\{SEPARATOR\}/;

function separatorsAfterBreak(text: string): number[] {
  return text.split('\n').flatMap((line, index) => (SEPARATOR_AFTER_BREAK.test(line) ? [index + 1] : []));
}

describe('the "·" separator', () => {
  it('recognizes a separator after a line break, not one on the same line', () => {
    expect(separatorsAfterBreak('<p>\n  {date}\n  {#if place}{SEPARATOR}{place}{/if}\n</p>')).toEqual([3]);
    expect(separatorsAfterBreak('<p>\n  {date}\n  {SEPARATOR}{place}\n</p>')).toEqual([3]);
    expect(separatorsAfterBreak('<p>\n  {date}{#if place}{SEPARATOR}{place}{/if}\n</p>')).toEqual([]);
  });

  it('never follows a line break in web/src', () => {
    const offences = svelteFilesUnder(webSrc).flatMap((file) =>
      separatorsAfterBreak(readFileSync(file, 'utf8')).map((line) => `${path.relative(root, file)}:${line}`),
    );
    expect(offences).toEqual([]);
  });
});
