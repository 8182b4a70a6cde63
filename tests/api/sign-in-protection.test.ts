import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { projectRoot } from '../../server/src/config.js';
import { initORM } from '../../server/src/db/orm.js';
import { clientAddress, internalSecret, tellWebTheClientAddress, trustProxy } from '../../server/src/http/client-address.js';
import { passwordChecks } from '../../server/src/modules/comptes/password.js';
import {
  ACCOUNT_CEILING,
  ADDRESS_FREE_FAILURES,
  MAX_DELAY_SECONDS,
  PAIR_FREE_FAILURES,
  PASSWORD_CONFIRMATIONS_PER_QUARTER,
  addressNetwork,
} from '../../server/src/modules/comptes/sign-in-throttle.js';
import { createMember, linkTokenSentTo } from '../helpers/accounts.js';
import { startProductServer } from '../helpers/e2e.js';
import { STRONG_PASSWORD, signUp, startTestApp, uniqueEmail, type TestApp } from '../helpers/api.js';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { id email } }`;
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { message } }`;
const VERIFY_EMAIL = `mutation ($input: EmailLinkInput!) { verifyEmail(input: $input) { id email } }`;
const ME = `{ me { id email } }`;
const DELETE = `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

interface Outcome {
  /** 'ok' when signed in, else the error code. */
  code: string;
  message?: string;
  retryAfterSeconds?: number;
}

/** One sign-in attempt from `address`, as a reverse proxy on this host would pass it (X-Forwarded-For). */
async function signIn(email: string, password: string, address: string, target: TestApp | { url: string } = app): Promise<Outcome> {
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: LOGIN, variables: { input: { email, password } } }),
  });
  const body = (await response.json()) as { data?: { login?: { id: string } }; errors?: Array<{ message: string; extensions?: any }> };
  if (body.data?.login) return { code: 'ok' };
  const error = body.errors![0];
  return { code: error.extensions?.code, message: error.message, retryAfterSeconds: error.extensions?.retryAfterSeconds };
}

const codes = (outcomes: Outcome[]) => outcomes.map((outcome) => outcome.code);

/** Moves a counter's last attempt back in time, as if the person had waited. */
async function wait(key: string, seconds: number): Promise<void> {
  const changed: any = await app.orm.em
    .getConnection()
    .execute(
      `update sign_in_throttle set last_attempt_at = last_attempt_at - ? * interval '1 second' where key = ?`,
      [seconds, key],
      'run',
    );
  expect(changed.affectedRows).toBe(1);
}

async function counter(key: string): Promise<number | undefined> {
  const [row] = await app.orm.em.getConnection().execute(`select failures from sign_in_throttle where key = ?`, [key]);
  return row?.failures;
}

describe('the address the API sees', () => {
  /**
   * The real middleware and trust setting, with the socket's peer set to what the internet would
   * show (everything is loopback in a test): what the API and the web app take as the visitor's address.
   */
  async function probe(trust: string | undefined) {
    const probeApp = express();
    probeApp.set('trust proxy', trustProxy(trust));
    probeApp.use((req, _res, next) => {
      const peer = req.get('x-test-peer');
      if (peer) Object.defineProperty(req.socket, 'remoteAddress', { value: peer, configurable: true });
      next();
    });
    probeApp.post('/graphql', (req, res) => {
      res.json({ address: clientAddress(req) });
    });
    probeApp.use(tellWebTheClientAddress, (req, res) => {
      res.json({ address: req.headers['x-maillage-client-address'], secret: req.headers['x-maillage-internal'] ?? null });
    });
    const server: Server = await new Promise((resolve) => {
      const listening = probeApp.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ask = async (path: string, peer: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${url}${path}`, {
        method: path === '/graphql' ? 'POST' : 'GET',
        headers: { 'x-test-peer': peer, ...headers },
      });
      return (await response.json()) as { address: string; secret?: string | null };
    };
    return {
      api: async (peer: string, headers: Record<string, string> = {}) => (await ask('/graphql', peer, headers)).address,
      web: async (peer: string, headers: Record<string, string> = {}) => ask('/connexion', peer, headers),
      close: () => new Promise((resolve) => server.close(resolve)),
    };
  }

  it('npm start alone (default trust): a visitor from the internet cannot choose their address, on the API or through the pages', async () => {
    const site = await probe(undefined);
    try {
      const forged = { 'x-forwarded-for': '198.51.100.1', 'x-real-ip': '198.51.100.2', forwarded: 'for=198.51.100.3' };
      expect(await site.api('203.0.113.7')).toBe('203.0.113.7');
      expect(await site.api('203.0.113.7', forged)).toBe('203.0.113.7');
      expect(await site.api('::ffff:203.0.113.7', forged)).toBe('203.0.113.7');
      // The internal header, without this process's secret, changes nothing.
      expect(await site.api('203.0.113.7', { 'x-maillage-client-address': '198.51.100.1', 'x-maillage-internal': 'devine' })).toBe(
        '203.0.113.7',
      );
      // The web app is told the address Express computed, whatever the visitor sent in that header.
      const page = await site.web('203.0.113.7', { ...forged, 'x-maillage-client-address': '198.51.100.1', 'x-maillage-internal': 'x' });
      expect(page).toEqual({ address: '203.0.113.7', secret: null });
    } finally {
      await site.close();
    }
  });

  it('nginx on the same host (default trust): the address nginx appends counts, not what the visitor wrote before it', async () => {
    const site = await probe(undefined);
    try {
      // nginx's $proxy_add_x_forwarded_for: what the visitor sent, then the address nginx saw.
      expect(await site.api('127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).toBe('203.0.113.7');
      expect(await site.api('127.0.0.1', { 'x-forwarded-for': '127.0.0.1, 203.0.113.7' })).toBe('203.0.113.7');
      expect((await site.web('127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).address).toBe('203.0.113.7');
    } finally {
      await site.close();
    }
  });

  it('a proxy on another host (TRUST_PROXY as addresses or a hop count) is believed, a visitor reaching the port directly is not', async () => {
    for (const setting of ['10.0.0.5', '10.0.0.0/8, loopback', '1']) {
      const site = await probe(setting);
      try {
        expect(await site.api('10.0.0.5', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).toBe('203.0.113.7');
        expect((await site.web('10.0.0.5', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).address).toBe('203.0.113.7');
        if (setting !== '1') expect(await site.api('203.0.113.9', { 'x-forwarded-for': '198.51.100.1' })).toBe('203.0.113.9');
      } finally {
        await site.close();
      }
    }
    expect(() => trustProxy('true')).toThrow(/TRUST_PROXY=true/);
  });

  it("believes the address the web app forwards only with this process's secret, and only if it is an address", async () => {
    const site = await probe(undefined);
    try {
      const secret = internalSecret();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(await site.api('127.0.0.1', { 'x-maillage-client-address': '203.0.113.7', 'x-maillage-internal': secret })).toBe(
        '203.0.113.7',
      );
      expect(await site.api('127.0.0.1', { 'x-maillage-client-address': 'pas une adresse', 'x-maillage-internal': secret })).toBe(
        '127.0.0.1',
      );
      expect(await site.api('127.0.0.1', { 'x-maillage-client-address': '203.0.113.7', 'x-maillage-internal': `${secret}x` })).toBe(
        '127.0.0.1',
      );
    } finally {
      await site.close();
    }
  });

  it('counts an IPv6 visitor by their /64, since they can change address inside it', () => {
    expect(addressNetwork('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressNetwork('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressNetwork('203.0.113.7')).toBe('203.0.113.7');
  });

  it('on the real API, a forged internal header does not dodge the limit; the right secret does pass the address on', async () => {
    const owner = await signUp(app.client());
    const forged = async (index: number, secret: string) => {
      const response = await app
        .client({ 'x-maillage-client-address': `198.51.100.${index}`, 'x-maillage-internal': secret })
        .request(LOGIN, {
          input: { email: owner.email, password: `devinette numéro ${index}` },
        });
      return response.errors![0].extensions?.code;
    };
    const wrongSecret: Array<string | undefined> = [];
    for (let index = 1; index <= PAIR_FREE_FAILURES + 1; index++) wrongSecret.push(await forged(index, 'devine'));
    expect(wrongSecret).toEqual([...Array(PAIR_FREE_FAILURES).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    // What the web app of this process does: each visitor is counted apart.
    const rightSecret: Array<string | undefined> = [];
    for (let index = 11; index <= 11 + PAIR_FREE_FAILURES; index++) rightSecret.push(await forged(index, internalSecret()));
    expect(rightSecret).toEqual(Array(PAIR_FREE_FAILURES + 1).fill('UNAUTHENTICATED'));
  });
});

describe('through the pages, as npm start serves them (built product: npm test builds it)', () => {
  it('behind a proxy on this host, each visitor counts apart: a stranger is held back, the owner signs in from home', async () => {
    const server = await startProductServer();
    try {
      const email = uniqueEmail('pages');
      await createMember(server.orm.em.fork(), { email, password: STRONG_PASSWORD, displayName: 'Camille Pages' });
      // The sign-in form, posted as a browser behind nginx would (nginx appends the address it saw).
      const post = (password: string, forwardedFor: string) =>
        fetch(`${server.url}/connexion`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            accept: 'text/html',
            'content-type': 'application/x-www-form-urlencoded',
            origin: server.url,
            'x-forwarded-for': forwardedFor,
          },
          body: new URLSearchParams({ email, password }),
        });
      for (let attempt = 0; attempt < PAIR_FREE_FAILURES; attempt++) {
        // The stranger writes a new address each time before the one nginx adds: it changes nothing.
        const page = await (await post(`faux mot de passe ${attempt}`, `198.51.100.${attempt + 100}, 203.0.113.50`)).text();
        expect(page).toContain('Adresse e-mail ou mot de passe incorrect.');
      }
      const held = await post(STRONG_PASSWORD, '198.51.100.99, 203.0.113.50');
      expect(held.status).toBe(429);
      expect(await held.text()).toContain('Trop de tentatives. Réessayez dans 32 secondes.');

      const owner = await post(STRONG_PASSWORD, '198.51.100.50');
      expect(owner.status).toBe(303);
      expect(owner.headers.get('location')).toBe('/profil');
      expect(owner.headers.getSetCookie().some((cookie) => cookie.startsWith('maillage_session='))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('failed sign-ins, per account and address', () => {
  it('a stranger who failed many times is held back; the owner signs in from their own address at once', async () => {
    const owner = await signUp(app.client());
    const stranger = '203.0.113.21';
    const tries: Outcome[] = [];
    for (let attempt = 0; attempt < PAIR_FREE_FAILURES; attempt++)
      tries.push(await signIn(owner.email, `faux mot de passe ${attempt}`, stranger));
    expect(codes(tries)).toEqual(Array(PAIR_FREE_FAILURES).fill('UNAUTHENTICATED'));
    expect(tries[0].message).toBe('Adresse e-mail ou mot de passe incorrect.');

    // From the stranger's address, even the right password waits (what the old per-account lock did, now for that address only).
    const blocked = await signIn(owner.email, STRONG_PASSWORD, stranger);
    expect(blocked.code).toBe('RATE_LIMITED');
    expect(blocked.message).toBe('Trop de tentatives. Réessayez dans 32 secondes.');

    // The owner, at home.
    expect((await signIn(owner.email, STRONG_PASSWORD, '198.51.100.21')).code).toBe('ok');
    // The stranger keeps waiting: the owner's success does not reset them.
    expect((await signIn(owner.email, 'encore un essai', stranger)).code).toBe('RATE_LIMITED');
  });

  it('makes each further attempt from that address wait twice as long: 32 s, 64 s, 128 s… up to 15 minutes', async () => {
    const owner = await signUp(app.client());
    const stranger = '203.0.113.22';
    const key = `pair:${owner.email} ${stranger}`;
    for (let attempt = 0; attempt < PAIR_FREE_FAILURES; attempt++) await signIn(owner.email, `essai ${attempt}`, stranger);

    for (const [delay, text] of [
      [32, '32 secondes'],
      [64, '64 secondes'],
      [128, '3 minutes'],
    ] as const) {
      const refused = await signIn(owner.email, 'trop tôt', stranger);
      expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: delay });
      expect(refused.message).toBe(`Trop de tentatives. Réessayez dans ${text}.`);
      await wait(key, delay - 1);
      expect((await signIn(owner.email, 'toujours trop tôt', stranger)).code).toBe('RATE_LIMITED');
      await wait(key, 1);
      // The wait is over: this one is checked (and wrong), and the next waits twice as long.
      expect((await signIn(owner.email, 'après la pause', stranger)).code).toBe('UNAUTHENTICATED');
    }
    expect(await counter(key)).toBe(PAIR_FREE_FAILURES + 3);

    await app.orm.em.getConnection().execute(`update sign_in_throttle set failures = 40 where key = ?`, [key]);
    const longest = await signIn(owner.email, 'encore', stranger);
    expect(longest.retryAfterSeconds).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
    expect(longest.retryAfterSeconds).toBeGreaterThan(MAX_DELAY_SECONDS - 5);
    expect(longest.message).toBe('Trop de tentatives. Réessayez dans 15 minutes.');
    await wait(key, MAX_DELAY_SECONDS);
    expect((await signIn(owner.email, 'un quart d’heure plus tard', stranger)).code).toBe('UNAUTHENTICATED');

    // A day without attempts and the slate is clean.
    await wait(key, 25 * 3600);
    expect((await signIn(owner.email, 'le lendemain', stranger)).code).toBe('UNAUTHENTICATED');
    expect(await counter(key)).toBe(1);
  });

  it('forgets the typos of an owner who then signs in', async () => {
    const owner = await signUp(app.client());
    const home = '198.51.100.23';
    for (let attempt = 0; attempt < PAIR_FREE_FAILURES - 1; attempt++) await signIn(owner.email, `coquille ${attempt}`, home);
    expect((await signIn(owner.email, STRONG_PASSWORD, home)).code).toBe('ok');
    expect(await counter(`pair:${owner.email} ${home}`)).toBeUndefined();
    const again: Outcome[] = [];
    for (let attempt = 0; attempt < PAIR_FREE_FAILURES; attempt++) again.push(await signIn(owner.email, `coquille ${attempt}`, home));
    expect(codes(again)).toEqual(Array(PAIR_FREE_FAILURES).fill('UNAUTHENTICATED'));
  });

  it('answers an unknown account exactly as a known one', async () => {
    const owner = await signUp(app.client());
    const unknown = uniqueEmail('personne');
    const known: Outcome[] = [];
    const nobody: Outcome[] = [];
    for (let attempt = 0; attempt <= PAIR_FREE_FAILURES; attempt++) {
      known.push(await signIn(owner.email, `essai ${attempt}`, '203.0.113.24'));
      nobody.push(await signIn(unknown, `essai ${attempt}`, '203.0.113.25'));
    }
    expect(nobody).toEqual(known);
    expect(codes(known).at(-1)).toBe('RATE_LIMITED');
  });

  it('limits one address trying many accounts, counted before the check, without holding back other addresses', async () => {
    const owner = await signUp(app.client());
    const before = passwordChecks.count;
    const attempts = await Promise.all(
      Array.from({ length: ADDRESS_FREE_FAILURES + 5 }, (_, index) =>
        signIn(uniqueEmail(`cible${index}`), 'mot de passe au hasard', '203.0.113.26'),
      ),
    );
    expect(codes(attempts).filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(ADDRESS_FREE_FAILURES);
    expect(codes(attempts).filter((code) => code === 'RATE_LIMITED')).toHaveLength(5);
    expect(passwordChecks.count - before).toBe(ADDRESS_FREE_FAILURES);
    const held = await signIn(owner.email, STRONG_PASSWORD, '203.0.113.26');
    expect(held.code).toBe('RATE_LIMITED');
    // 15 s after the 30th failure, counted from that failure.
    expect(held.retryAfterSeconds).toBeGreaterThan(0);
    expect(held.retryAfterSeconds).toBeLessThanOrEqual(15);
    expect((await signIn(owner.email, STRONG_PASSWORD, '198.51.100.26')).code).toBe('ok');
    // An address is forgotten after an hour without attempts.
    await wait('address:203.0.113.26', 3600);
    expect((await signIn(owner.email, STRONG_PASSWORD, '203.0.113.26')).code).toBe('ok');
    expect(await counter('address:203.0.113.26')).toBe(0);
  });

  it('a botnet past the account-wide ceiling slows only the addresses that already failed on it, never the owner at home', async () => {
    const owner = await signUp(app.client());
    // A bot address fails once, as do others: the account is past its ceiling.
    expect((await signIn(owner.email, 'essai du robot', '203.0.113.27')).code).toBe('UNAUTHENTICATED');
    await app.orm.em
      .getConnection()
      .execute(`update sign_in_throttle set failures = ? where key = ?`, [ACCOUNT_CEILING, `account:${owner.email}`]);

    const bot = await signIn(owner.email, 'deuxième essai du robot', '203.0.113.27');
    expect(bot.code).toBe('RATE_LIMITED');
    expect(bot.message).toBe('Trop de tentatives. Réessayez dans 15 minutes.');
    // A new bot address gets one try, then waits.
    expect((await signIn(owner.email, 'robot neuf', '203.0.113.28')).code).toBe('UNAUTHENTICATED');
    expect((await signIn(owner.email, 'robot neuf encore', '203.0.113.28')).code).toBe('RATE_LIMITED');
    // The owner, from an address that never failed on the account.
    expect((await signIn(owner.email, STRONG_PASSWORD, '198.51.100.27')).code).toBe('ok');
  });
});

describe('simultaneous guesses are counted before the password is checked', () => {
  async function guessAllAtOnce(email: string, targets: Array<{ url: string }>, address: string) {
    const before = passwordChecks.count;
    const outcomes = await Promise.all(
      Array.from({ length: 45 }, (_, index) => signIn(email, `devinette ${index}`, address, targets[index % targets.length])),
    );
    return { outcomes: codes(outcomes), checked: passwordChecks.count - before };
  }

  it('45 guesses at once on one process: at most the limit are checked', async () => {
    const owner = await signUp(app.client());
    const { outcomes, checked } = await guessAllAtOnce(owner.email, [app], '203.0.113.31');
    expect(checked).toBeLessThanOrEqual(PAIR_FREE_FAILURES);
    expect(outcomes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(checked);
    expect(outcomes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(45 - checked);
    expect(await counter(`pair:${owner.email} 203.0.113.31`)).toBe(PAIR_FREE_FAILURES);
    expect((await signIn(owner.email, STRONG_PASSWORD, '198.51.100.31')).code).toBe('ok');
  });

  it('45 guesses at once spread over three app processes on one database: still at most the limit', async () => {
    const owner = await signUp(app.client());
    const others = await Promise.all([startSibling(app), startSibling(app)]);
    try {
      const { outcomes, checked } = await guessAllAtOnce(owner.email, [app, ...others], '203.0.113.32');
      expect(checked).toBeLessThanOrEqual(PAIR_FREE_FAILURES);
      expect(outcomes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(checked);
      expect(await counter(`pair:${owner.email} 203.0.113.32`)).toBe(PAIR_FREE_FAILURES);
      expect((await signIn(owner.email, STRONG_PASSWORD, '198.51.100.32', others[1])).code).toBe('ok');
    } finally {
      for (const other of others) await other.close();
    }
  });
});

describe('simultaneous guesses on three real server processes (built product: npm test builds it)', () => {
  it('45 guesses at once spread over three `node server/dist/main.js` on one database: at most the limit are checked', async () => {
    const owner = await signUp(app.client());
    const servers = await Promise.all([0, 1, 2].map(() => startServerProcess(app.orm.config.get('clientUrl')!)));
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 45 }, (_, index) => signIn(owner.email, `devinette ${index}`, '203.0.113.33', servers[index % 3])),
      );
      // A password is checked only on the way to "incorrect": each UNAUTHENTICATED is one argon2 check.
      const checked = codes(outcomes).filter((code) => code === 'UNAUTHENTICATED').length;
      expect(checked).toBeLessThanOrEqual(PAIR_FREE_FAILURES);
      expect(codes(outcomes).filter((code) => code === 'RATE_LIMITED')).toHaveLength(45 - checked);
      expect(await counter(`pair:${owner.email} 203.0.113.33`)).toBe(PAIR_FREE_FAILURES);
      expect((await signIn(owner.email, STRONG_PASSWORD, '198.51.100.33', servers[2])).code).toBe('ok');
    } finally {
      for (const server of servers) server.stop();
    }
  });
});

async function startServerProcess(databaseUrl: string): Promise<{ url: string; stop(): void }> {
  const main = path.join(projectRoot, 'server/dist/main.js');
  if (!fs.existsSync(main)) throw new Error('server/dist/main.js is missing: run `npm run build -w server` (npm test does it)');
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), SEED_DEMO: '0', NODE_ENV: 'production', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { url, stop: () => child.kill('SIGTERM') };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

/** Another app (its own ORM, pool and Apollo server, as a second process would have) on the database of `of`. */
async function startSibling(of: TestApp): Promise<{ url: string; close(): Promise<void> }> {
  const orm: MikroORM = await initORM(of.orm.config.get('clientUrl')!, { pool: { min: 0, max: 10 } });
  const { app: sibling, stop } = await createApp({ orm, config: of.config });
  const server: Server = await new Promise((resolve) => {
    const listening = sibling.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stop();
      await orm.close(true);
    },
  };
}

describe('sign-ups', () => {
  it('keep a budget per visitor address, not one for the whole site', async () => {
    // The address 203.0.113.60 has used up its hour (30 sign-ups).
    await app.orm.em.getConnection().execute(
      `insert into rate_limit (key, window_start, hits)
       values ('register:203.0.113.60', to_timestamp(floor(extract(epoch from now()) / 3600) * 3600), 30)`,
    );
    const signUpFrom = (address: string) =>
      app.client({ 'x-forwarded-for': address }).request(REGISTER, {
        input: { email: uniqueEmail(), password: STRONG_PASSWORD, displayName: 'Camille Nouvelle' },
      });
    expect((await signUpFrom('203.0.113.60')).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect((await signUpFrom('198.51.100.60')).errors).toBeUndefined();
  });
});

describe('password policy', () => {
  it('refuses guessable passwords with the reason in French next to the field, and accepts a passphrase', async () => {
    for (const [password, reason] of [
      ['passwordpassword', /trop facile à deviner\. Les mots ou groupes de caractères répétés/],
      ['password12', /trop facile à deviner\. Ce mot de passe est courant/],
      ['azertyuiop', /trop facile à deviner\. Les suites de touches du clavier/],
    ] as const) {
      const error = await app.client().error(REGISTER, { input: { email: uniqueEmail(), password, displayName: 'Camille Faible' } });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.fields?.password).toMatch(reason);
      expect(error.extensions?.fields?.password).toMatch(/Une phrase de quelques mots/);
    }
    const english = await app.client({ 'accept-language': 'en' }).error(REGISTER, {
      input: { email: uniqueEmail(), password: 'password12', displayName: 'Camille Weak' },
    });
    expect(english.extensions?.fields?.password).toMatch(/too easy to guess/);
    const personal = await app.client().error(REGISTER, {
      input: { email: uniqueEmail('gwendoline'), password: 'Gwendoline2024', displayName: 'Gwendoline Martin' },
    });
    expect(personal.extensions?.fields?.password).toMatch(/votre nom ou votre adresse e-mail/);

    const accepted = await app.client().request(REGISTER, {
      input: { email: uniqueEmail(), password: 'la médiation numérique à Savenay', displayName: 'Camille Forte' },
    });
    expect(accepted.errors).toBeUndefined();
  });

  it('a password chosen with a composed "é" opens the account when typed with a decomposed one, and the reverse', async () => {
    const composed = 'ma clé est sous le paillasson';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    for (const [chosen, typed] of [
      [composed, decomposed],
      [decomposed, composed],
    ]) {
      const browser = app.client();
      const email = uniqueEmail('accent');
      await browser.data(REGISTER, { input: { email, password: chosen, displayName: 'Hélène Accent' } });
      const token = await linkTokenSentTo(app.orm.em.fork(), email, '/inscription/confirmer/');
      await browser.data(VERIFY_EMAIL, { input: { token } });
      const elsewhere = app.client({ 'x-forwarded-for': '198.51.100.40' });
      await elsewhere.data(LOGIN, { input: { email, password: typed } });
      expect((await elsewhere.data(ME)).me.email).toBe(email);
    }
  });
});

describe('deleting one’s account', () => {
  it(`refuses further password attempts after ${PASSWORD_CONFIRMATIONS_PER_QUARTER} wrong ones, without deleting anything`, async () => {
    const browser = app.client();
    await signUp(browser);
    for (let attempt = 0; attempt < PASSWORD_CONFIRMATIONS_PER_QUARTER; attempt++) {
      const wrong = await browser.error(DELETE, { input: { password: `pas le bon ${attempt}` } });
      expect(wrong.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const limited = await browser.error(DELETE, { input: { password: STRONG_PASSWORD } });
    expect(limited.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.message).toMatch(/Trop de mots de passe incorrects/);
    expect((await browser.data(ME)).me).not.toBeNull();

    // Another member is not concerned.
    const other = app.client();
    await signUp(other);
    expect((await other.error(DELETE, { input: { password: 'pas le bon' } })).extensions?.code).toBe('BAD_USER_INPUT');
    const { deleteMyAccount } = await other.data(DELETE, { input: { password: STRONG_PASSWORD } });
    expect(deleteMyAccount.kept.length).toBeGreaterThan(0);
  });

  it('refuses an anonymous visitor', async () => {
    expect((await app.client().error(DELETE, { input: { password: STRONG_PASSWORD } })).extensions?.code).toBe('UNAUTHENTICATED');
  });
});
