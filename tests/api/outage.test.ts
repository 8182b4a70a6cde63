import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { readConfig } from '../../server/src/config.js';
import { initORM } from '../../server/src/db/orm.js';
import { logger } from '../../server/src/logger.js';
import { GraphQLClient } from '../helpers/api.js';
import { createTestDatabase } from '../helpers/database.js';
import { startProductServer, type E2EServer } from '../helpers/e2e.js';

/**
 * A TCP relay between the API and PostgreSQL that can be cut (every connection reset, new ones
 * refused) and restored on the same port: a database outage, and its end, on demand.
 */
class DatabaseLink {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/** A new database of its own, reached through a link that can be cut. */
async function databaseBehindLink(): Promise<{
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  link: DatabaseLink;
  url: string;
}> {
  const database = await createTestDatabase();
  const target = new URL(database.url);
  const link = new DatabaseLink({ host: target.hostname, port: Number(target.port || 5432) });
  await link.open();
  const through = new URL(database.url);
  through.hostname = '127.0.0.1';
  through.port = String(link.port);
  return { database, link, url: through.href };
}

/** The log lines written while `action` runs (the logger at info level), parsed. */
async function logLines(action: () => Promise<void>): Promise<Array<Record<string, any>>> {
  const stream = (logger as unknown as Record<symbol, { write: (line: string) => boolean }>)[pino.symbols.streamSym];
  const write = stream.write;
  const level = logger.level;
  const lines: string[] = [];
  stream.write = (line: string) => lines.push(line) > 0;
  logger.level = 'info';
  try {
    await action();
  } finally {
    stream.write = write;
    logger.level = level;
  }
  return lines.map((line) => JSON.parse(line) as Record<string, any>);
}

const QUESTIONS = `query Questions { questions { totalCount } }`;
const UNAVAILABLE_FR = 'Le service est momentanément indisponible. Réessayez dans un instant.';

describe('a database outage', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let link: DatabaseLink;
  let orm: MikroORM;
  let server: Server;
  let stop: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    let through: string;
    ({ database, link, url: through } = await databaseBehindLink());
    orm = await initORM(through, { pool: { min: 0, max: 5 } });
    const config = { ...readConfig({ ...process.env, NODE_ENV: 'production' }) };
    ({ app: server, stop } = await createApp({ orm, config }).then(({ app, stop }) => ({
      app: app.listen(0, '127.0.0.1'),
      stop,
    })));
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await stop?.();
    await link?.cut();
    await orm?.close(true);
    await database?.drop();
  });

  it('answers 503 "retry" with one log line for the whole outage, and recovers', async () => {
    const visitor = new GraphQLClient(url);
    const member = new GraphQLClient(url, { cookie: 'maillage_session=une-session-quelconque' });
    expect((await visitor.request(QUESTIONS)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    // What the database libraries would print themselves (console), outside the log: nothing.
    const printed: string[] = [];
    const consoleSpies = (['log', 'warn', 'error'] as const).map((name) =>
      vi.spyOn(console, name).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))),
    );
    const during = await logLines(async () => {
      await link.cut();
      for (let i = 0; i < 20; i++) {
        const result = await (i % 2 ? member : visitor).request(QUESTIONS);
        expect(result.status).toBe(503);
        expect(result.headers.get('retry-after')).toBe('5');
        expect(result.errors?.[0]).toMatchObject({ message: UNAVAILABLE_FR, extensions: { code: 'SERVICE_UNAVAILABLE' } });
        expect(JSON.stringify(result.errors)).not.toMatch(/ECONN|stacktrace|Context creation/);
      }
      const live = await fetch(`${url}/healthz`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'error', database: 'unreachable' });
    });
    for (const spy of consoleSpies) spy.mockRestore();
    expect(during.filter((line) => /database unavailable/.test(line.msg)).length).toBe(1);
    expect(during.filter((line) => line.level >= 50).length).toBe(1);
    expect(printed).toEqual([]);

    const after = await logLines(async () => {
      await link.open();
      const result = await visitor.request(QUESTIONS);
      expect(result.status).toBe(200);
      expect(result.data).toEqual({ questions: { totalCount: expect.any(Number) } });
      expect((await visitor.request(QUESTIONS)).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    });
    const recovered = after.filter((line) => /database reachable again after [\d.]+ s/.test(line.msg));
    expect(recovered.length).toBe(1);
  });
});

describe('request ids', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Server;
  let stop: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const created = await createApp({ orm: database.orm, config: { ...readConfig({ ...process.env, NODE_ENV: 'test' }), slowMs: 0 } });
    stop = created.stop;
    server = created.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await stop?.();
    await database?.drop();
  });

  it('gives every request an id, returned and carried by the log lines written while serving it', async () => {
    let id: string | null = null;
    const lines = await logLines(async () => {
      const result = await new GraphQLClient(url).request(QUESTIONS);
      expect(result.status).toBe(200);
      id = result.headers.get('x-request-id');
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // SLOW_MS is 0 here: the operation is logged as slow, with its name, its duration and the request's id.
    const slow = lines.filter((line) => line.msg === 'slow GraphQL operation');
    expect(slow).toEqual([expect.objectContaining({ requestId: id, operationName: 'Questions', durationMs: expect.any(Number) })]);
    const other = await new GraphQLClient(url).request(QUESTIONS);
    expect(other.headers.get('x-request-id')).not.toBe(id);
  });

  it('keeps a sane incoming id and replaces a weird one', async () => {
    const kept = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'proxy-7f3a.42_b' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-7f3a.42_b');
    for (const weird of ['<script>alert(1)</script>', 'a'.repeat(500), 'deux mots']) {
      const response = await fetch(`${url}/healthz`, { headers: { 'x-request-id': weird } });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('pages during a database outage', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let link: DatabaseLink;
  let product: E2EServer;

  beforeAll(async () => {
    let through: string;
    ({ database, link, url: through } = await databaseBehindLink());
    // The built product (npm run build), its database reached through the link.
    product = await startProductServer({ DATABASE_URL: through, LOG_LEVEL: 'fatal' });
  }, 60_000);

  afterAll(async () => {
    await product?.close();
    await link?.cut();
    await database?.drop();
  });

  it('answer a plain French 503 page with Retry-After, and come back after the outage', async () => {
    const home = (headers: Record<string, string> = {}) => fetch(`${product.url}/`, { headers: { 'accept-language': 'fr', ...headers } });
    expect((await home()).status).toBe(200);
    await link.cut();
    // A visitor (the home page's own query fails) and a member (their session cannot be looked up).
    for (const headers of [{}, { cookie: 'maillage_session=une-session-quelconque' }] as Record<string, string>[]) {
      const page = await home(headers);
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toBe('5');
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('Le service est momentanément indisponible. Réessayez dans un instant.');
    }
    await link.open();
    expect((await home()).status).toBe(200);
  }, 60_000);
});
