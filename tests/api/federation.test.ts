import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { importJwk, signRequest } from '@fedify/fedify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { freePort } from '../../server/src/shared/free-port.js';
import { GraphQLClient, grantRoleInDb, readEmailsOf, signUp, type TestApp } from '../helpers/api.js';
import { CREATE_EVENT, UPDATE_EVENT, eventInput, organizer, parisLocal } from '../helpers/agenda.js';
import { createTestDatabase } from '../helpers/database.js';

/**
 * The agenda on the fediverse (docs/federation.md): two real Maillage processes, each with its own
 * database, on two loopback ports (FEDERATION=1 allows http there). B follows an organization of A by
 * its handle; A's events reach B as `Create`, `Update` and `Delete`, signed and delivered by the queue.
 */
const MAIN = path.join(projectRoot, 'server/dist/main.js');
const TRACE_FILE = process.env.FEDERATION_TRACE_FILE;

interface Instance {
  child: ChildProcess;
  url: string;
  host: string;
  output: () => string;
  exited: Promise<number | null>;
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  app: TestApp;
}

const instances: Instance[] = [];
afterAll(async () => {
  for (const instance of instances) {
    if (instance.child.exitCode === null) {
      instance.child.kill('SIGTERM');
      await instance.exited;
    }
    await instance.database.drop();
  }
});

async function startInstance(): Promise<Instance> {
  if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run `npm run build -w server` (npm test does it)');
  const database = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SEED_DEMO: '0',
      LOG_LEVEL: 'info',
      PORT: String(port),
      DATABASE_URL: database.url,
      PUBLIC_URL: url,
      FEDERATION: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const app = { orm: database.orm, client: () => new GraphQLClient(url) } as unknown as TestApp;
  const instance: Instance = {
    child,
    url,
    host: `127.0.0.1:${port}`,
    output: () => text,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    database,
    app,
  };
  instances.push(instance);
  readEmailsOf(url, database.orm);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${text}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready && text.includes('federation ready')) return instance;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the server did not start within 90 s:\n${text}`);
}

/**
 * Waits until `read` gives something `check` accepts: deliveries go through the queue (polled twice a
 * second), each a signed HTTP request the other process checks. The bound is generous because the
 * tests share a busy machine; it asserts that the activity arrives, not how fast.
 */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`never came: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

const REMOTE_EVENTS = `query { remoteEvents(first: 20) { id name content startsAt endsAt location url actorName actorHandle } }`;
const FOLLOW = `mutation ($input: FollowRemoteActorInput!) { followRemoteActor(input: $input) { id handle name accepted actorUri } }`;
const FOLLOWINGS = `query ($id: ID!) { remoteFollowings(organizationId: $id) { id handle accepted } }`;

/** The federation lines of both logs, in order: the trace the closing note shows. */
function trace(a: Instance, b: Instance): string[] {
  const lines = (instance: Instance, name: string) =>
    instance
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"federation:'))
      .map((line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        const { time, msg, level: _level, pid: _pid, hostname: _hostname, ...rest } = entry;
        return { time: Number(time), text: `${name} ${String(msg)} ${JSON.stringify(rest)}` };
      });
  return [...lines(a, 'A'), ...lines(b, 'B')].sort((x, y) => x.time - y.time).map((line) => line.text);
}

describe('two Maillage instances federate their agendas', () => {
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    [a, b] = await Promise.all([startInstance(), startInstance()]);
  }, 180_000);

  afterAll(() => {
    if (TRACE_FILE && a && b) fs.writeFileSync(TRACE_FILE, `${trace(a, b).join('\n')}\n`);
  });

  it('B follows an organization of A; A’s event arrives, is changed, then removed by moderation, and B follows each step', async () => {
    const onA = await organizer(a.app, 'Médiathèque Jules Verne');
    const onB = await organizer(b.app, 'Amicale laïque de Savenay');

    // A's organization is found by WebFinger as acct:<slug>@<host>.
    const finger = await fetch(`${a.url}/.well-known/webfinger?resource=acct:${onA.organization.slug}@${a.host}`);
    expect(finger.status).toBe(200);
    const actorUri = ((await finger.json()) as { links: Array<{ rel: string; href: string }> }).links.find((l) => l.rel === 'self')!.href;
    expect(actorUri).toBe(`${a.url}/federation/acteurs/${onA.organization.slug}`);
    const actor = (await (await fetch(actorUri, { headers: { accept: 'application/activity+json' } })).json()) as Record<string, any>;
    expect(actor).toMatchObject({ type: 'Organization', name: 'Médiathèque Jules Verne', preferredUsername: onA.organization.slug });
    expect(actor.publicKey.publicKeyPem).toContain('BEGIN PUBLIC KEY');

    // B's admin follows it by handle; A accepts at once.
    const { followRemoteActor } = await onB.client.data(FOLLOW, {
      input: { organizationId: onB.organization.id, handle: `@${onA.organization.slug}@${a.host}` },
    });
    expect(followRemoteActor).toMatchObject({
      handle: `@${onA.organization.slug}@${a.host}`,
      name: 'Médiathèque Jules Verne',
      accepted: false,
    });
    await eventually(
      () => onB.client.data(FOLLOWINGS, { id: onB.organization.id }),
      (data) => data.remoteFollowings[0]?.accepted === true,
    );

    // A publishes an event: B shows it, as plain text.
    const { createEvent } = await onA.client.data(CREATE_EVENT, {
      input: eventInput(onA.organization.id, {
        title: 'Atelier <b>tablette</b>',
        description: 'Venez avec **votre tablette**.\n\n- chargée\n- avec son code',
      }),
    });
    const received = await eventually(
      () => b.app.client().data(REMOTE_EVENTS),
      (data) => data.remoteEvents.length === 1,
    );
    expect(received.remoteEvents[0]).toMatchObject({
      id: `${a.url}/federation/evenements/${createEvent.id}`,
      name: 'Atelier <b>tablette</b>',
      url: `${a.url}/agenda/evenements/${createEvent.id}`,
      location: expect.stringContaining('Savenay'),
      actorName: 'Médiathèque Jules Verne',
      startsAt: createEvent.startsAt,
    });
    // The description came as HTML; B keeps its words, never its tags.
    expect(received.remoteEvents[0].content).toContain('Venez avec votre tablette.');
    expect(received.remoteEvents[0].content).toMatch(/chargée\n+avec son code/);
    expect(received.remoteEvents[0].content).not.toMatch(/<|\*\*/);

    // A moves it: B gets the Update.
    await onA.client.data(UPDATE_EVENT, {
      input: { id: createEvent.id, localStart: parisLocal(12, '10:00'), localEnd: parisLocal(12, '12:00') },
    });
    const { event: moved } = await onA.client.data(`query ($id: ID!) { event(id: $id) { startsAt } }`, { id: createEvent.id });
    await eventually(
      () => b.app.client().data(REMOTE_EVENTS),
      (data) => data.remoteEvents.length === 1 && data.remoteEvents[0].startsAt === moved.startsAt,
    );

    // A cancels another event: it arrives, then goes (a Delete: ActivityPub's Event has no status fedify can send).
    const { createEvent: second } = await onA.client.data(CREATE_EVENT, {
      input: eventInput(onA.organization.id, {
        title: 'Café numérique',
        localStart: parisLocal(20, '10:00'),
        localEnd: parisLocal(20, '11:00'),
      }),
    });
    await eventually(
      () => b.app.client().data(REMOTE_EVENTS),
      (data) => data.remoteEvents.some((event: { name: string }) => event.name === 'Café numérique'),
    );
    await onA.client.data(`mutation ($input: CancelEventInput!) { cancelEvent(input: $input) { id } }`, {
      input: { eventId: second.id, reason: 'Salle indisponible' },
    });
    await eventually(
      () => b.app.client().data(REMOTE_EVENTS),
      (data) => data.remoteEvents.length === 1 && data.remoteEvents[0].name === 'Atelier <b>tablette</b>',
    );

    // Moderation on A removes it: B gets the Delete and shows it no more.
    const moderator = a.app.client();
    const { id: moderatorId } = await signUp(moderator, 'Modératrice A');
    await grantRoleInDb(a.app, moderatorId, 'moderator');
    await moderator.data(`mutation ($input: ModerateContentInput!) { hideContent(input: $input) { contentId } }`, {
      input: { contentType: 'agenda.event', contentId: createEvent.id, reason: 'Doublon' },
    });
    await eventually(
      () => b.app.client().data(REMOTE_EVENTS),
      (data) => data.remoteEvents.length === 0,
    );

    const steps = trace(a, b).join('\n');
    expect(steps).toMatch(
      /A federation: followed[\s\S]*B federation: follow accepted[\s\S]*B federation: remote event received .*"verb":"create"[\s\S]*"verb":"update"[\s\S]*B federation: remote event deleted[\s\S]*B federation: remote event deleted/,
    );
  }, 400_000);

  it('refuses an unsigned or badly signed inbox POST, and takes a Mastodon-style Note politely', async () => {
    const onA = await organizer(a.app, 'Espace public numérique du Sillon');
    const inbox = `${a.url}/federation/acteurs/${onA.organization.slug}/inbox`;
    const onB = await organizer(b.app, 'Collectif du Bourg');
    const bActor = `${b.url}/federation/acteurs/${onB.organization.slug}`;
    const note = {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${bActor}#create/note-1`,
      type: 'Create',
      actor: bActor,
      to: [`${a.url}/federation/acteurs/${onA.organization.slug}`],
      object: {
        id: `${bActor}#note-1`,
        type: 'Note',
        attributedTo: bActor,
        content: `<p><a href="${a.url}/federation/acteurs/${onA.organization.slug}">@${onA.organization.slug}</a> bonjour !</p>`,
        tag: [
          { type: 'Mention', href: `${a.url}/federation/acteurs/${onA.organization.slug}`, name: `@${onA.organization.slug}@${a.host}` },
        ],
      },
    };
    const post = (headers: Record<string, string> = {}) =>
      new Request(inbox, {
        method: 'POST',
        headers: { 'content-type': 'application/activity+json', ...headers },
        body: JSON.stringify(note),
      });

    const unsigned = await fetch(post());
    expect(unsigned.status).toBe(401);

    // B's actor exists and has keys once it is looked at; sign with a key that is not B's.
    await fetch(bActor, { headers: { accept: 'application/activity+json' } });
    const other = await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    );
    const forged = await signRequest(post(), other.privateKey, new URL(`${bActor}#main-key`));
    expect((await fetch(forged)).status).toBe(401);

    // Signed with B's own key (read from B's database, as B's queue would sign it): accepted, and nothing is stored.
    const [key] = await b.database.orm.em
      .getConnection()
      .execute<Array<{ rsa_private: JsonWebKey }>>(
        `select k.rsa_private from federation_actor_key k join organization o on o.id = k.organization_id where o.slug = ?`,
        [onB.organization.slug],
      );
    const signed = await signRequest(post(), await importJwk(key.rsa_private, 'private'), new URL(`${bActor}#main-key`));
    const response = await fetch(signed);
    expect(response.status).toBe(202);
    const [{ count }] = await a.database.orm.em
      .getConnection()
      .execute<Array<{ count: string }>>(`select count(*) from federation_remote_event`);
    expect(Number(count)).toBe(0);
    expect(a.output()).not.toMatch(/"level":50/);
  }, 60_000);

  it('answers 404 for an actor that does not exist (no error)', async () => {
    const response = await fetch(`${a.url}/federation/acteurs/personne-inconnue`, { headers: { accept: 'application/activity+json' } });
    expect(response.status).toBe(404);
  });
});
