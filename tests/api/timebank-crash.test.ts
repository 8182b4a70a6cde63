import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { GraphQLClient, readEmailsOf, signUp } from '../helpers/api.js';
import { createTestDatabase } from '../helpers/database.js';
import { TRANSFER, expectLedgerInvariants } from '../helpers/timebank.js';
import { freePort } from '../../server/src/shared/free-port.js';

/**
 * The real server process (`node server/dist/main.js`, built by `npm test`) is killed with SIGKILL
 * in the middle of a stream of transfers, then started again on the same database.
 */
const MAIN = path.join(projectRoot, 'server/dist/main.js');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: ChildProcess | undefined;

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), SEED_DEMO: '0', NODE_ENV: 'production', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  server?.kill('SIGKILL');
  await database?.drop();
});

describe('a server killed in the middle of a stream of transfers', () => {
  it(
    'loses no acknowledged transfer, posts each key at most once, and keeps every invariant after restart',
    { timeout: 120_000 },
    async () => {
      if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run `npm run build -w server` (npm test does it)');
      const port = await freePort();
      server = await startServer(port);
      const url = `http://127.0.0.1:${port}`;
      readEmailsOf(url, database.orm);
      const people: Array<{ client: GraphQLClient; id: string }> = [];
      for (let i = 0; i < 8; i++) {
        const client = new GraphQLClient(url);
        people.push({ client, id: (await signUp(client, `Membre ${i}`)).id });
      }

      const attempts: Array<{ from: number; to: number; minutes: number; key: string }> = [];
      const acknowledged = new Map<string, string>();
      let stop = false;
      // Eight writers send transfers one after another until the server dies under them.
      const writers = people.map(async (_, from) => {
        for (let n = 0; !stop; n++) {
          const attempt = { from, to: (from + 1 + (n % 7)) % 8, minutes: 1 + ((from * 7 + n) % 10), key: randomUUID() };
          attempts.push(attempt);
          try {
            const response = await people[from].client.request(TRANSFER, {
              input: { toUserId: people[attempt.to].id, minutes: attempt.minutes, memo: 'Flux', idempotencyKey: attempt.key },
            });
            if (!response.errors) acknowledged.set(attempt.key, response.data!.transferTime.transferId);
          } catch {
            return; // the connection died with the server
          }
        }
      });
      while (acknowledged.size < 60) await new Promise((resolve) => setTimeout(resolve, 10));
      server.kill('SIGKILL');
      await Promise.all(writers);
      stop = true;
      const sentBeforeCrash = attempts.length;
      expect(sentBeforeCrash).toBeGreaterThan(acknowledged.size); // some were in flight

      await expectLedgerInvariants(database, { floor: -600, ceiling: 2400 });
      // Every transfer the server acknowledged is in the ledger.
      const rows = await database.orm.em.getConnection().execute(`select id, idempotency_key from timebank_transfer where kind = 'direct'`);
      const stored = new Map(rows.map((row: any) => [row.idempotency_key, row.id]));
      for (const [key, id] of acknowledged) expect(stored.get(key)).toBe(id);

      // After restart, the clients retry every request they sent: nothing posts twice.
      server = await startServer(port);
      for (const attempt of attempts.slice(0, sentBeforeCrash)) {
        const response = await people[attempt.from].client.request(TRANSFER, {
          input: { toUserId: people[attempt.to].id, minutes: attempt.minutes, memo: 'Flux', idempotencyKey: attempt.key },
        });
        expect(response.errors).toBeUndefined();
        const { transferId, replayed } = response.data!.transferTime;
        if (stored.has(attempt.key)) {
          expect(replayed).toBe(true);
          expect(transferId).toBe(stored.get(attempt.key));
        } else {
          expect(replayed).toBe(false);
        }
      }
      const [{ count }] = await database.orm.em
        .getConnection()
        .execute(`select count(*)::int as count from timebank_transfer where kind = 'direct'`);
      expect(count).toBe(new Set(attempts.slice(0, sentBeforeCrash).map((a) => a.key)).size);
      await expectLedgerInvariants(database, { floor: -600, ceiling: 2400 });
      server.kill('SIGKILL');
      server = undefined;
    },
  );
});
