/**
 * Svelte habits that broke pages in a real browser and that no type check sees.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return svelteFiles(file);
    return file.endsWith('.svelte') ? [file] : [];
  });
}

/**
 * `<details open={x}>` is set again as a property each time anything else in its template changes: a person who
 * opened the filters saw them fold back when they pressed "Autour de moi" or moved a slider. `bind:open` keeps what
 * they did (with a `$derived` for the first state).
 */
function detailsSetOpen(file: string, source: string): string[] {
  return [...source.matchAll(/<details\b[^>]*?(?<!bind:)\bopen=\{/g)].map((m) => `${path.relative(root, file)}: ${m[0]}`);
}

describe('the pages’ markup', () => {
  it('binds a <details>’s open state rather than setting it', () => {
    const files = svelteFiles(path.join(root, 'web/src'));
    expect(files.flatMap((file) => detailsSetOpen(file, readFileSync(file, 'utf8')))).toEqual([]);
    expect(detailsSetOpen('x.svelte', '<details class="a" open={used}>')).toHaveLength(1);
    expect(detailsSetOpen('x.svelte', '<details class="a" bind:open={used}><details open>')).toEqual([]);
  });
});
