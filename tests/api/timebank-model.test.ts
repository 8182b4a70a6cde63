import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRoleInDb, startTestApp, type TestApp } from '../helpers/api.js';
import { balanceOf, expectLedgerInvariants, member, poolBalance, transfer, type Member } from '../helpers/timebank.js';

const FLOOR = -120;
const CEILING = 150;
const PEOPLE = 4;

/** The time bank as a few lines of arithmetic: what the ledger must agree with. */
class Model {
  balances = new Array<number>(PEOPLE).fill(0);
  keys = new Map<string, { to: number; minutes: number }>();
  constructor(public pool: number) {}

  private credit(to: number, minutes: number): void {
    const overflow = Math.min(minutes, Math.max(0, this.balances[to] + minutes - CEILING));
    this.balances[to] += minutes - overflow;
    this.pool += overflow;
  }

  transfer(from: number, to: number, minutes: number, key: string): 'posted' | 'replayed' | 'floor' | 'conflict' {
    const seen = this.keys.get(`${from}:${key}`);
    if (seen) return seen.to === to && seen.minutes === minutes ? 'replayed' : 'conflict';
    if (this.balances[from] - minutes < FLOOR) return 'floor';
    this.keys.set(`${from}:${key}`, { to, minutes });
    this.balances[from] -= minutes;
    this.credit(to, minutes);
    return 'posted';
  }

  grant(to: number, minutes: number): 'posted' | 'floor' {
    if (this.pool - minutes < 0) return 'floor';
    this.pool -= minutes;
    this.credit(to, minutes);
    return 'posted';
  }

  donate(from: number, minutes: number): 'posted' | 'floor' {
    if (this.balances[from] - minutes < FLOOR) return 'floor';
    this.balances[from] -= minutes;
    this.pool += minutes;
    return 'posted';
  }
}

type Operation =
  | { op: 'transfer'; from: number; to: number; minutes: number; reuse: number | null }
  | { op: 'grant'; to: number; minutes: number }
  | { op: 'donate'; from: number; minutes: number };

const person = fc.integer({ min: 0, max: PEOPLE - 1 });
const minutes = fc.integer({ min: 1, max: 200 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('transfer' as const),
      from: person,
      to: person,
      minutes,
      reuse: fc.option(fc.nat(20), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('grant' as const), to: person, minutes }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('donate' as const), from: person, minutes }) },
);

let app: TestApp;
let admin: Member;
beforeAll(async () => {
  app = await startTestApp();
  admin = await member(app, 'Coordinatrice Modèle');
  await grantRoleInDb(app, admin.id, 'admin');
  await admin.client.data(`mutation ($input: UpdateTimebankSettingsInput!) { updateTimebankSettings(input: $input) { floorMinutes } }`, {
    input: { floorMinutes: FLOOR, ceilingMinutes: CEILING },
  });
});
afterAll(async () => {
  await app?.close();
});

describe('the ledger against a simple in-memory model (fast-check)', () => {
  it('agrees with the model on every outcome and every balance, for random sequences of operations', { timeout: 240_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
        run += 1;
        const people: Member[] = [];
        for (let i = 0; i < PEOPLE; i++) people.push(await member(app, `Personne ${run}-${i}`));
        const model = new Model(await poolBalance(app));
        const usedKeys: Array<{ from: number; key: string }> = [];

        for (const step of operations) {
          if (step.op === 'transfer') {
            if (step.from === step.to) continue;
            const reused = step.reuse !== null && usedKeys.length ? usedKeys[step.reuse % usedKeys.length] : null;
            const from = reused ? reused.from : step.from;
            const key = reused ? reused.key : randomUUID();
            if (from === step.to) continue;
            const expected = model.transfer(from, step.to, step.minutes, key);
            const response = await transfer(people[from], people[step.to], step.minutes, key);
            const outcome = response.errors
              ? response.errors[0].extensions?.code === 'CONFLICT'
                ? 'conflict'
                : 'floor'
              : response.data!.transferTime.replayed
                ? 'replayed'
                : 'posted';
            expect(outcome).toBe(expected);
            if (!reused && expected === 'posted') usedKeys.push({ from, key });
          } else if (step.op === 'grant') {
            const expected = model.grant(step.to, step.minutes);
            const response = await admin.client.request(
              `mutation ($input: GrantFromPoolInput!) { grantFromPool(input: $input) { transferId } }`,
              {
                input: { toUserId: people[step.to].id, minutes: step.minutes, reason: 'Coup de pouce', idempotencyKey: randomUUID() },
              },
            );
            expect(response.errors ? 'floor' : 'posted').toBe(expected);
          } else {
            const expected = model.donate(step.from, step.minutes);
            const response = await people[step.from].client.request(
              `mutation ($input: DonateToPoolInput!) { donateToPool(input: $input) { transferId } }`,
              {
                input: { minutes: step.minutes, idempotencyKey: randomUUID() },
              },
            );
            expect(response.errors ? 'floor' : 'posted').toBe(expected);
          }
        }
        for (let i = 0; i < PEOPLE; i++) expect(await balanceOf(app, people[i].id)).toBe(model.balances[i]);
        expect(await poolBalance(app)).toBe(model.pool);
        await expectLedgerInvariants(app, { floor: FLOOR, ceiling: CEILING });
      }),
      { numRuns: 20 },
    );
  });
});
