import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { MikroORM } from '@mikro-orm/postgresql';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { createTestDatabase } from './database.js';
import { freePort } from '../../server/src/shared/free-port.js';
import { layoutOffences } from './layout.js';
import { frenchOffences } from './french.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** For `expect.poll` after a form is sent: its answer and the page's reload take more than poll's 1 s on a busy machine. */
export const POLL = { timeout: 15_000 };

export interface E2EServer {
  url: string;
  /** Direct access to this server's database, to prepare a scene or check a result. */
  orm: MikroORM;
  close(): Promise<void>;
}

/**
 * The product as `npm start` runs it (the built server and web app, one process, one port),
 * over a database of this test file's own. `npm test` builds before running the tests.
 */
export async function startProductServer(env: Record<string, string> | ((url: string) => Record<string, string>) = {}): Promise<E2EServer> {
  const database = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // A function of the server's own address, for what must name it (PUBLIC_URL: a form posted from a
  // page of another origin than PUBLIC_URL's is refused as cross-site).
  const extra = typeof env === 'function' ? env(url) : env;
  const child: ChildProcess = spawn(process.execPath, [path.join(projectRoot, 'server/dist/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      PORT: String(port),
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      ...extra,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // Seeding the demo network takes long on a busy 2-core machine: give the start room.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not start within 90 s');
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    url,
    orm: database.orm,
    async close() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      await database.drop();
    },
  };
}

/** Debian's Chromium, headless, with nothing that reaches outside this machine. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function newPage(
  browser: Browser,
  options: { locale?: string; width?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: options.locale ?? 'fr-FR', viewport: { width: options.width ?? 1200, height: 900 } });
  const page = await context.newPage();
  return { context, page };
}

/** No WCAG 2.1 A/AA violation on the page as it is now (axe-core). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** At 360 px wide, the page holds (tests/helpers/layout.ts) and still passes axe. */
export async function expectWorksAt360(page: Page): Promise<void> {
  const previous = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await layoutOffences(page), `the page at 360 px: ${page.url()}`).toEqual([]);
  await expectAccessible(page);
  if (previous) await page.setViewportSize(previous);
}

/** The page as a 360 px phone shows it: no sideways scroll, no squeezed column, targets big enough (layout only, fast). */
export async function expectHoldsAt360(page: Page): Promise<void> {
  const previous = page.viewportSize();
  const resize = previous?.width !== 360;
  if (resize) await page.setViewportSize({ width: 360, height: 740 });
  expect(await layoutOffences(page), `the page at 360 px: ${page.url()}`).toEqual([]);
  if (resize && previous) await page.setViewportSize(previous);
}

/** Visits `path`, waits for the page, checks it with axe and measures it at 360 px. */
export async function visit(page: Page, baseUrl: string, pathname: string): Promise<void> {
  await page.goto(baseUrl + pathname);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  await expectHoldsAt360(page);
  await expectProperFrench(page);
  await expectDescribed(page);
}

/** One `<meta name="description">` that says something: what search engines show under the page's title. */
export async function expectDescribed(page: Page): Promise<void> {
  const descriptions = await page
    .locator('head meta[name="description"]')
    .evaluateAll((metas) => metas.map((m) => m.getAttribute('content') ?? ''));
  expect(descriptions, `meta description of ${page.url()}`).toHaveLength(1);
  expect(descriptions[0].length, `meta description of ${page.url()}`).toBeGreaterThan(20);
}

/** No "(s)" plural and no "·e" where the gender is known in the page's visible text (tests/helpers/french.ts). */
export async function expectProperFrench(page: Page): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  expect(frenchOffences(text), `unfinished French on ${page.url()}`).toEqual([]);
}
