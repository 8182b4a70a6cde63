import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { GraphQLClient, readEmailsOf, type TestApp } from '../helpers/api.js';
import { CREATE_EVENT, REGISTER, eventInput, members, organizer } from '../helpers/agenda.js';
import { createTestDatabase } from '../helpers/database.js';
import { TRANSFER } from '../helpers/timebank.js';
import { listen, type LiveMessage } from '../../server/src/live/bus.js';
import { publishLive } from '../../server/src/live/publish.js';
import { startLiveBus } from '../../server/src/live/start.js';
import { freePort } from '../../server/src/shared/free-port.js';

/**
 * Live updates across processes (docs/architecture.md, "Live updates"): two real app processes
 * (`node server/dist/main.js`) on one database; a change made through the first reaches a WebSocket
 * subscriber of the second, over PostgreSQL LISTEN/NOTIFY and over Redis pub/sub.
 */
const MAIN = path.join(projectRoot, 'server/dist/main.js');
const REDIS_URL = process.env.MAILLAGE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const METRICS_TOKEN = 'jeton-de-test-des-metriques-en-direct';

const MY_NOTIFICATIONS = `subscription { myNotifications { unreadCount latest { id kind message link readAt } } }`;
const ANSWER_ADDED = `subscription ($questionId: ID!) { answerAdded(questionId: $questionId) {
  id questionId body bodyHtml author { id displayName } score upVotes downVotes isAccepted createdAt myVote viewerCanVote viewerCanEdit } }`;
const EVENT_SEATS = `subscription ($eventId: ID!) { eventSeats(eventId: $eventId) { eventId remainingSeats confirmedCount waitlistCount } }`;
const MY_BALANCE = `subscription { myTimebankBalance { balanceMinutes availableMinutes } }`;
const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`;
const ANSWER = `mutation ($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`;
const LOGOUT = `mutation { logout }`;

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

const started: Running[] = [];
afterAll(() => {
  for (const running of started) if (running.child.exitCode === null) running.child.kill('SIGKILL');
});

async function startMain(env: Record<string, string>): Promise<Running> {
  if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run `npm run build -w server` (npm test does it)');
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NODE_ENV: 'production', SEED_DEMO: '0', LOG_LEVEL: 'info', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const running: Running = {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => text,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  started.push(running);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${text}`);
    const ready = await fetch(`${running.url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready && text.includes('live updates ready')) return running;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the server did not start within 60 s:\n${text}`);
}

/** What one subscription received, in order. */
class Received<T = any> {
  readonly results: Array<FormattedExecutionResult<T, unknown>> = [];
  private waiters: Array<() => void> = [];
  completed = false;
  error: unknown = null;

  push(result: FormattedExecutionResult<T, unknown>): void {
    this.results.push(result);
    this.wake();
  }

  wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  get data(): T[] {
    return this.results.filter((r) => r.data).map((r) => r.data as T);
  }

  /** Waits until the last data received passes `check` (or fails after `timeoutMs`). */
  async until(check: (data: T) => boolean, timeoutMs = 5000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const last = this.data.at(-1);
      if (last !== undefined && check(last)) return this.data;
      if (Date.now() >= deadline) throw new Error(`never got the expected value; received ${JSON.stringify(this.results)}`);
      await this.atLeast(this.results.length + 1, deadline - Date.now()).catch(() => undefined);
    }
  }

  /** Waits until `count` results have arrived (or fails after `timeoutMs`). */
  async atLeast(count: number, timeoutMs = 5000): Promise<Array<FormattedExecutionResult<T, unknown>>> {
    const deadline = Date.now() + timeoutMs;
    while (this.results.length < count) {
      if (this.completed || this.error) break;
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (this.results.length < count)
      throw new Error(`expected ${count} results, got ${JSON.stringify(this.results)} (error: ${JSON.stringify(this.error)})`);
    return this.results;
  }
}

/** A browser tab's WebSocket: the session cookie and the page's Origin, as a browser sends them. */
function liveClient(baseUrl: string, options: { token?: string; origin?: string } = {}): Client {
  const headers: Record<string, string> = { origin: options.origin ?? baseUrl };
  if (options.token) headers.cookie = `${SESSION_COOKIE}=${options.token}`;
  class BrowserLikeSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({ url: `${baseUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: BrowserLikeSocket, retryAttempts: 0 });
  clients.push(client);
  return client;
}
const clients: Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): Received<T> {
  const received = new Received<T>();
  client.subscribe<T>(
    { query, variables },
    {
      next: (result) => received.push(result),
      error: (error) => {
        received.error = error;
        received.wake();
      },
      complete: () => {
        received.completed = true;
        received.wake();
      },
    },
  );
  return received;
}

function tokenOf(client: GraphQLClient): string {
  return client.cookies.get(SESSION_COOKIE)!;
}

/** Two processes on one new database; `env` chooses the bus. */
async function twoProcesses(env: Record<string, string>) {
  const database = await createTestDatabase();
  const [first, second] = [
    await startMain({ DATABASE_URL: database.url, ...env }),
    await startMain({ DATABASE_URL: database.url, ...env }),
  ];
  // Members are made in the database; the API of each process is reached through its own URL.
  const app = (running: Running) => ({ orm: database.orm, client: () => new GraphQLClient(running.url) }) as unknown as TestApp;
  readEmailsOf(first.url, database.orm);
  return { database, first, second, onFirst: app(first), onSecond: app(second) };
}

async function stop(running: Running): Promise<void> {
  if (running.child.exitCode !== null) return;
  running.child.kill('SIGTERM');
  await running.exited;
}

/** A question asked through `asker` (who follows it from then on). */
async function ask(asker: GraphQLClient): Promise<string> {
  const { askQuestion } = await asker.data(ASK, {
    input: {
      title: 'Comment installer une application bancaire ?',
      body: 'Une personne me demande comment faire, merci pour vos conseils.',
      tags: ['banque'],
    },
  });
  return askQuestion.id as string;
}

async function answer(
  answerer: GraphQLClient,
  questionId: string,
  body = 'Passez par le magasin d’applications officiel du téléphone.',
): Promise<string> {
  const { answerQuestion } = await answerer.data(ANSWER, { input: { questionId, body } });
  return answerQuestion.id as string;
}

describe('live updates over PostgreSQL LISTEN/NOTIFY (the default)', () => {
  let setup: Awaited<ReturnType<typeof twoProcesses>>;
  beforeAll(async () => {
    setup = await twoProcesses({ METRICS_TOKEN });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stop(setup.first), stop(setup.second)]);
    await setup.database.drop();
  });

  it('a notification caused through one process reaches a subscriber of the other within a second, and nobody else', async () => {
    const [asker, answerer, other] = await members(setup.onFirst, 3, 'Notifié');
    const questionId = await ask(asker.client);

    const mine = subscribe(liveClient(setup.second.url, { token: tokenOf(asker.client) }), MY_NOTIFICATIONS);
    const theirs = subscribe(liveClient(setup.second.url, { token: tokenOf(other.client) }), MY_NOTIFICATIONS);
    // Sent at once on subscribe: the count, no "latest".
    const [first] = await mine.atLeast(1);
    expect(first.data).toEqual({ myNotifications: { unreadCount: 0, latest: null } });
    await theirs.atLeast(1);

    await answer(answerer.client, questionId);
    const answeredAt = Date.now();
    await mine.atLeast(2, 1000);
    expect(Date.now() - answeredAt).toBeLessThan(1000);
    const update = mine.data[1].myNotifications;
    expect(update.unreadCount).toBe(1);
    expect(update.latest).toMatchObject({ kind: 'entraide.answer', readAt: null, link: expect.stringContaining(questionId) });
    expect(update.latest.message).toContain(answerer.name);

    // Marking it read through the first process: the count follows, without a "latest".
    await asker.client.data(`mutation { markNotificationsRead(input: {}) }`);
    await mine.atLeast(3, 1000);
    expect(mine.data[2].myNotifications).toEqual({ unreadCount: 0, latest: null });

    // The other member only ever got their own first message.
    expect(theirs.results).toHaveLength(1);
    expect(theirs.data[0].myNotifications.unreadCount).toBe(0);
  });

  it('new answers reach the question page of the other process, as the subscriber may see them; hidden ones are not sent', async () => {
    const [asker, answerer, reader] = await members(setup.onFirst, 3, 'Lecteur');
    const questionId = await ask(asker.client);
    // An answer hidden by moderation, then a message about it on the bus (as if it had just been posted).
    const hiddenId = await answer(answerer.client, questionId, 'Une réponse qui sera masquée par la modération du réseau.');
    await setup.database.orm.em
      .getConnection()
      .execute(`update answer set hidden_at = now(), hidden_reason = 'Spam' where id = ?`, [hiddenId]);

    const visitor = subscribe(liveClient(setup.second.url), ANSWER_ADDED, { questionId });
    const member = subscribe(liveClient(setup.second.url, { token: tokenOf(reader.client) }), ANSWER_ADDED, { questionId });
    // Subscribed once the server says so: a first message of another subscription on the same socket.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await setup.database.orm.em
      .getConnection()
      .execute(`select pg_notify('maillage_live', ?)`, [JSON.stringify({ topic: `answers:${questionId}`, id: hiddenId })]);

    const visibleId = await answer(answerer.client, questionId);
    const [forVisitor] = await visitor.atLeast(1, 1000);
    const [forMember] = await member.atLeast(1, 1000);
    expect(forVisitor.data!.answerAdded).toMatchObject({
      id: visibleId,
      questionId,
      author: { id: answerer.id, displayName: answerer.name },
      bodyHtml: expect.stringContaining('magasin'),
      myVote: 'NONE',
    });
    expect(forVisitor.data!.answerAdded).toMatchObject({ viewerCanVote: false, viewerCanEdit: false });
    // Resolved for each subscriber: the signed-in reader may vote on it.
    expect(forMember.data!.answerAdded).toMatchObject({ id: visibleId, viewerCanVote: true, viewerCanEdit: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(visitor.results).toHaveLength(1);
    expect(member.results).toHaveLength(1);
  });

  it('the seats of an event follow registrations made through the other process', async () => {
    const { client: organizerClient, organization } = await organizer(setup.onFirst);
    const { createEvent } = await organizerClient.data(CREATE_EVENT, { input: eventInput(organization.id, { capacity: 2 }) });
    const [first, second, third] = await members(setup.onFirst, 3, 'Inscrit');

    const seats = subscribe(liveClient(setup.second.url), EVENT_SEATS, { eventId: createEvent.id });
    const [initial] = await seats.atLeast(1);
    expect(initial.data!.eventSeats).toEqual({ eventId: createEvent.id, remainingSeats: 2, confirmedCount: 0, waitlistCount: 0 });

    for (const person of [first, second, third]) await person.client.data(REGISTER, { eventId: createEvent.id });
    // Two seats taken, the third person waiting ("Il reste 0 place", "1 personne en liste d’attente").
    const values = await seats.until((data) => data.eventSeats.waitlistCount === 1, 2000);
    expect(values.at(-1)!.eventSeats).toEqual({ eventId: createEvent.id, remainingSeats: 0, confirmedCount: 2, waitlistCount: 1 });
    // Never an impossible value on the way: the seats only go down.
    const remaining = values.map((d) => d.eventSeats.remainingSeats);
    expect(remaining).toEqual([...remaining].sort((a, b) => b - a));
  });

  it("a member's time balance follows a transfer they receive through the other process", async () => {
    const [payer, payee] = await members(setup.onFirst, 2, 'Temps');
    const payeeSocket = liveClient(setup.second.url, { token: tokenOf(payee.client) });
    const balance = subscribe(payeeSocket, MY_BALANCE);
    const notifications = subscribe(payeeSocket, MY_NOTIFICATIONS);
    const [initial] = await balance.atLeast(1);
    expect(initial.data!.myTimebankBalance.balanceMinutes).toBe(0);
    await notifications.atLeast(1);

    await payer.client.data(TRANSFER, {
      input: { toUserId: payee.id, minutes: 90, memo: 'Merci pour l’atelier', idempotencyKey: randomUUID() },
    });
    await balance.atLeast(2, 1000);
    expect(balance.data[1].myTimebankBalance.balanceMinutes).toBe(90);
    expect(balance.data[1].myTimebankBalance.availableMinutes).toBeGreaterThanOrEqual(90);
    // The balance and the badge leave in the notification's own statement (notifications.service.ts).
    await notifications.atLeast(2, 1000);
    expect(notifications.data[1].myNotifications).toMatchObject({ unreadCount: 1, latest: { kind: 'timebank.transfer' } });
  });

  it('refuses what HTTP refuses: a visitor on myNotifications, another site, too many aliases or tokens, a malformed id, a query', async () => {
    const visitor = liveClient(setup.second.url);
    const [unauthenticated] = await subscribe(visitor, MY_NOTIFICATIONS).atLeast(1);
    expect(unauthenticated.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(unauthenticated.errors?.[0].message).toBe('Vous devez être connecté·e pour faire cela.');

    // Another site's page: refused at the upgrade, before any GraphQL (cross-site WebSocket hijacking).
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${setup.second.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
        headers: { origin: 'https://site-malveillant.example' },
      });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('the socket opened')));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);

    // graphql-armor's limits, with the same answer as over HTTP.
    const aliases = `subscription { myNotifications { ${Array.from({ length: 21 }, (_, i) => `a${i}: unreadCount`).join(' ')} } }`;
    const overHttp = await new GraphQLClient(setup.second.url).error(aliases);
    const refused = await new Promise<any>((resolve) => {
      visitor.subscribe({ query: aliases }, { next: resolve, error: resolve, complete: () => undefined });
    });
    const overSocket = Array.isArray(refused) ? refused[0] : refused;
    expect(overSocket.extensions?.code).toBe(overHttp.extensions?.code);
    expect(overSocket.message).toBe(overHttp.message);
    expect(overSocket.message).toMatch(/Aliases limit of 20/);

    const tokens = `subscription { myNotifications { ${'unreadCount '.repeat(3100)} } }`;
    const tooLong = await new Promise<any>((resolve) => {
      visitor.subscribe({ query: tokens }, { next: resolve, error: resolve, complete: () => undefined });
    });
    expect(JSON.stringify(tooLong)).toMatch(/3000 tokens/);

    // Refused before any resolver runs, like over HTTP (graphql/input-limits.ts).
    const malformed = await new Promise<any>((resolve) => {
      visitor.subscribe(
        { query: ANSWER_ADDED, variables: { questionId: 'pas-un-identifiant' } },
        { next: resolve, error: resolve, complete: () => undefined },
      );
    });
    expect(malformed[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });

    const query = await new Promise<any>((resolve) => {
      visitor.subscribe({ query: '{ unreadNotificationCount }' }, { next: resolve, error: resolve, complete: () => undefined });
    });
    expect(JSON.stringify(query)).toContain('FORBIDDEN');
  });

  it('holds at most 20 subscriptions on one socket', async () => {
    const [member] = await members(setup.onFirst, 1, 'Abonné');
    const client = liveClient(setup.second.url, { token: tokenOf(member.client) });
    const accepted = Array.from({ length: 20 }, () => subscribe(client, MY_BALANCE));
    await Promise.all(accepted.map((received) => received.atLeast(1)));
    const refused = await new Promise<any>((resolve) => {
      client.subscribe({ query: MY_BALANCE }, { next: resolve, error: resolve, complete: () => undefined });
    });
    expect(refused[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect(refused[0].message).toContain('20 au plus');
  });

  it('/metrics counts the open sockets and their subscriptions', async () => {
    const [member] = await members(setup.onFirst, 1, 'Compté');
    const client = liveClient(setup.second.url, { token: tokenOf(member.client) });
    const balance = subscribe(client, MY_BALANCE);
    const notifications = subscribe(client, MY_NOTIFICATIONS);
    await Promise.all([balance.atLeast(1), notifications.atLeast(1)]);
    const text = await fetch(`${setup.second.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) =>
      r.text(),
    );
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('maillage_websocket_connections')).toBeGreaterThanOrEqual(1);
    expect(value('maillage_live_subscriptions')).toBeGreaterThanOrEqual(2);
  });

  it('closes the socket of a session that was signed out elsewhere, at its next event, which it does not send', async () => {
    const [asker, answerer] = await members(setup.onFirst, 2, 'Déconnecté');
    const questionId = await ask(asker.client);
    const received: unknown[] = [];
    const closed = new Promise<number>((resolve) => {
      const client = createClient({
        url: `${setup.second.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers: { origin: setup.second.url, cookie: `${SESSION_COOKIE}=${tokenOf(asker.client)}` } });
          }
        },
        retryAttempts: 0,
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      clients.push(client);
      client.subscribe(
        { query: MY_NOTIFICATIONS },
        { next: (result) => received.push(result), error: () => undefined, complete: () => undefined },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await asker.client.data(LOGOUT);
    const answeredAt = Date.now();
    await answer(answerer.client, questionId);
    expect(await closed).toBe(4401);
    expect(Date.now() - answeredAt).toBeLessThan(1000);
    // Only the first message, sent while the session was alive.
    expect(received).toEqual([{ data: { myNotifications: { unreadCount: 0, latest: null } } }]);
  });
});

describe('live updates over Redis pub/sub (REDIS_URL)', () => {
  let setup: Awaited<ReturnType<typeof twoProcesses>>;
  beforeAll(async () => {
    // A channel of this run's own: parallel runs on one Redis never mix.
    setup = await twoProcesses({ REDIS_URL, LIVE_CHANNEL: `maillage_test_${randomUUID().replace(/-/g, '')}` });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stop(setup.first), stop(setup.second)]);
    await setup.database.drop();
  });

  it('a notification caused through one process reaches a subscriber of the other within a second', async () => {
    expect(setup.second.output()).toContain('"transport":"redis"');
    const [asker, answerer] = await members(setup.onFirst, 2, 'Redis');
    const questionId = await ask(asker.client);
    const mine = subscribe(liveClient(setup.second.url, { token: tokenOf(asker.client) }), MY_NOTIFICATIONS);
    await mine.atLeast(1);

    await answer(answerer.client, questionId);
    const answeredAt = Date.now();
    await mine.atLeast(2, 1000);
    expect(Date.now() - answeredAt).toBeLessThan(1000);
    expect(mine.data[1].myNotifications).toMatchObject({ unreadCount: 1, latest: { kind: 'entraide.answer' } });
  });

  it('tells connected clients "server restarting" (1012) on a graceful stop, which still ends cleanly', async () => {
    const [member] = await members(setup.onFirst, 1, 'Redémarrage');
    const closed = new Promise<number>((resolve) => {
      const client = createClient({
        url: `${setup.second.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers: { origin: setup.second.url, cookie: `${SESSION_COOKIE}=${tokenOf(member.client)}` } });
          }
        },
        retryAttempts: 0,
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      clients.push(client);
      client.subscribe({ query: MY_BALANCE }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    setup.second.child.kill('SIGTERM');
    expect(await closed).toBe(1012);
    expect(await setup.second.exited).toBe(0);
    expect(setup.second.output()).toContain('stopped cleanly');
  });
});

describe('a live update leaves only with its committed change', () => {
  for (const transport of ['postgres', 'redis'] as const) {
    it(`over ${transport}: sent at commit, never before it nor after a rollback`, async () => {
      const database = await createTestDatabase();
      const stopBus = await startLiveBus({
        databaseUrl: database.url,
        redisUrl: transport === 'redis' ? REDIS_URL : undefined,
        channel: `maillage_test_${randomUUID().replace(/-/g, '')}`,
      });
      const received: Array<LiveMessage | null> = [];
      const stopListening = listen('seats:test', (message) => received.push(message));
      try {
        await database.orm.em
          .fork()
          .transactional(async (tx) => {
            await publishLive(tx, 'seats:test', 'rolled-back');
            throw new Error('the change fails');
          })
          .catch(() => undefined);
        await database.orm.em.fork().transactional(async (tx) => {
          await publishLive(tx, 'seats:test', 'committed');
          await new Promise((resolve) => setTimeout(resolve, 200));
          // Not before the commit.
          expect(received).toEqual([]);
        });
        const deadline = Date.now() + 2000;
        while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(received).toEqual([{ topic: 'seats:test', id: 'committed' }]);
      } finally {
        stopListening();
        await stopBus();
        await database.drop();
      }
    });
  }
});
