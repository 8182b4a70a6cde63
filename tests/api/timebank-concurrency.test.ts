import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRoleInDb, startTestApp, type TestApp } from '../helpers/api.js';
import { expectLedgerInvariants, member, transfer, type Member } from '../helpers/timebank.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('500 concurrent transfers among 20 members, through the HTTP API', () => {
  it(
    'keep the sum at zero, every balance within its limits and equal to its entries, each key posted once',
    { timeout: 180_000 },
    async () => {
      const admin = await member(app, 'Équipe Maillage');
      await grantRoleInDb(app, admin.id, 'admin');
      // Tight limits so that many transfers hit the floor (−3 h) or the ceiling (+3 h).
      await admin.client.data(`mutation { updateTimebankSettings(input: { floorMinutes: -180, ceilingMinutes: 180 }) { floorMinutes } }`);
      const members: Member[] = [];
      for (let i = 0; i < 20; i++) members.push(await member(app, `Membre ${String(i + 1).padStart(2, '0')}`));

      // A deterministic pseudo-random plan: 400 fresh transfers and 100 repeats of earlier keys.
      let seed = 42;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const fresh = Array.from({ length: 400 }, () => {
        const from = Math.floor(random() * 20);
        const to = (from + 1 + Math.floor(random() * 19)) % 20;
        return { from, to, minutes: 10 + Math.floor(random() * 110), key: randomUUID() };
      });
      const repeats = Array.from({ length: 100 }, () => fresh[Math.floor(random() * fresh.length)]);
      const plan = [...fresh, ...repeats].sort(() => random() - 0.5);

      const results = await Promise.all(
        plan.map((t) => transfer(members[t.from], members[t.to], t.minutes, t.key).then((response) => ({ t, response }))),
      );

      const unexpected = results.filter(({ response }) => response.errors && response.errors[0].extensions?.code !== 'BAD_USER_INPUT');
      expect(unexpected.map(({ response }) => response.errors)).toEqual([]);
      const refusedAtFloor = results.filter(({ response }) => response.errors);
      expect(refusedAtFloor.every(({ response }) => typeof response.errors![0].extensions?.availableMinutes === 'number')).toBe(true);
      const posted = results
        .filter(({ response }) => !response.errors)
        .map(({ t, response }) => ({ key: t.key, ...response.data!.transferTime }));
      const overflowed = posted.filter((p) => p.toPoolMinutes > 0);

      // Both limits were really reached, otherwise this test proves little.
      expect(refusedAtFloor.length).toBeGreaterThan(10);
      expect(overflowed.length).toBeGreaterThan(10);

      // Every success for a key names the same transfer, and it exists once in the ledger.
      const byKey = new Map<string, Set<string>>();
      for (const p of posted) byKey.set(p.key, (byKey.get(p.key) ?? new Set()).add(p.transferId));
      expect([...byKey.values()].every((ids) => ids.size === 1)).toBe(true);
      const [{ count }] = await app.orm.em
        .getConnection()
        .execute(`select count(*)::int as count from timebank_transfer where kind = 'direct'`);
      expect(count).toBe(byKey.size);
      expect(posted.filter((p) => !p.replayed)).toHaveLength(byKey.size);

      await expectLedgerInvariants(app, { floor: -180, ceiling: 180 });
    },
  );
});
