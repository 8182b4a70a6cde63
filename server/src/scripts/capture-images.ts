import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { projectRoot } from '../config.js';
import { DEMO_PASSWORD } from '../seed/accounts.seed.js';
import { freePort } from '../shared/free-port.js';

/**
 * The pictures of the web app, taken from the product itself, written into web/static/ and committed:
 * the phone icons of the manifest (192, 512 and a maskable 512, drawn from web/static/favicon.svg) and
 * the 360 px screenshots of the "Aide" page (web/static/aide/). Run once after `npm run build`:
 *
 *   node server/dist/scripts/capture-images.js
 *
 * It starts the built product on the demo network (its own embedded PostgreSQL in a temporary folder)
 * and uses Debian's Chromium (CHROMIUM_PATH), as the end-to-end tests do. Development only.
 */

const STATIC = path.join(projectRoot, 'web/static');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const THEME = '#1f5f5b';

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await drawIcons(await browser.newPage());
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'maillage-captures-'));
    // The embedded PostgreSQL runs as its own user when this runs as root: it must reach the folder.
    await fs.chmod(dataDir, 0o755);
    const port = await freePort();
    const server = spawn(process.execPath, [path.join(projectRoot, 'server/dist/main.js')], {
      env: { ...process.env, PORT: String(port), MAILLAGE_DATA_DIR: dataDir, SEED_DEMO: '1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitUntilUp(url, () => server.exitCode !== null);
      const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 640 }, deviceScaleFactor: 1 });
      await captureAide(await context.newPage(), url);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
}

/** The logo at phone sizes; the maskable one keeps the mark inside the middle 80 % (the safe zone launchers never crop). */
async function drawIcons(page: Page): Promise<void> {
  const mark = '<path d="M6 24V8l10 10 10-10v16" fill="none" stroke="#fff" stroke-width="3" stroke-linejoin="round"/>';
  const icons = [
    { file: 'icon-192.png', size: 192, svg: `<rect width="32" height="32" rx="6" fill="${THEME}"/>${mark}` },
    { file: 'icon-512.png', size: 512, svg: `<rect width="32" height="32" rx="6" fill="${THEME}"/>${mark}` },
    {
      file: 'icon-maskable-512.png',
      size: 512,
      svg: `<rect width="32" height="32" fill="${THEME}"/><g transform="translate(4.8 4.8) scale(0.7)">${mark}</g>`,
    },
  ];
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="${icon.size}" height="${icon.size}" style="display:block">${icon.svg}</svg></body></html>`,
    );
    await page.screenshot({ path: path.join(STATIC, icon.file), omitBackground: true });
  }
}

async function waitUntilUp(url: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited()) throw new Error('the product stopped before it was ready');
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the product did not start within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** One phone screen per step of the "Aide" page. */
async function captureAide(page: Page, url: string): Promise<void> {
  await fs.mkdir(path.join(STATIC, 'aide'), { recursive: true });
  const shoot = (name: string) => page.screenshot({ path: path.join(STATIC, 'aide', `${name}.png`) });

  await page.goto(`${url}/inscription`);
  await shoot('inscription');

  await page.goto(`${url}/connexion`);
  await page.getByLabel('Adresse e-mail').fill('lucas@demo.maillage.fr');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.waitForURL((address) => !address.pathname.startsWith('/connexion'));

  await page.goto(`${url}/entraide/questions/nouvelle`);
  await shoot('question');

  await page.goto(`${url}/agenda`);
  const firstEvent = page.locator('a[href^="/agenda/evenements/"]').first();
  await page.goto(url + (await firstEvent.getAttribute('href')));
  // The event's title, date, place and the "Je m'inscris" button on one screen.
  await page
    .getByRole('button', { name: /Je m'inscris/ })
    .first()
    .scrollIntoViewIfNeeded();
  await shoot('evenement');

  await page.goto(`${url}/banque-de-temps`);
  await shoot('banque-de-temps');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
  console.log(`icons and screenshots written to ${STATIC}`);
}
