import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { grantRoleInDb, startTestApp, type TestApp } from '../helpers/api.js';
import { times, french } from '../helpers/french.js';
import {
  MY_ACCOUNT,
  TRANSFER,
  balanceOf,
  expectLedgerInvariants,
  member,
  poolBalance,
  transfer,
  type Member,
} from '../helpers/timebank.js';

const SETTINGS = `mutation ($input: UpdateTimebankSettingsInput!) { updateTimebankSettings(input: $input) { floorMinutes ceilingMinutes } }`;
const GRANT = `mutation ($input: GrantFromPoolInput!) { grantFromPool(input: $input) { transferId kind minutes receivedMinutes replayed to { displayName } } }`;
const DONATE = `mutation ($input: DonateToPoolInput!) { donateToPool(input: $input) { transferId minutes replayed } }`;
const STATS = `{ ledgerStats { month membersExchangedThisMonth minutesExchangedThisMonth transfersThisMonth topTenPercentShare membersEverExchanged poolBalanceMinutes sumOfBalancesMinutes } }`;

let app: TestApp;
let admin: Member;
beforeAll(async () => {
  app = await startTestApp();
  admin = await member(app, 'Équipe Maillage');
  await grantRoleInDb(app, admin.id, 'admin');
});
afterAll(async () => {
  await app?.close();
});

async function setLimits(floorMinutes: number, ceilingMinutes: number) {
  await admin.client.data(SETTINGS, { input: { floorMinutes, ceilingMinutes } });
}

beforeEach(async () => {
  await setLimits(-600, 2400);
});

describe('direct transfers', () => {
  it('moves time from one member to another, visible in both statements, and tells the receiver', async () => {
    const camille = await member(app, 'Camille Le Goff');
    const karim = await member(app, 'Karim Benali');
    const result = await transfer(camille, karim, 90, randomUUID(), 'Installation de l’imprimante 3D');
    expect(result.errors).toBeUndefined();
    expect(result.data!.transferTime).toMatchObject({
      kind: 'DIRECT',
      minutes: 90,
      receivedMinutes: 90,
      toPoolMinutes: 0,
      replayed: false,
      payerBalanceMinutes: -90,
      to: { id: karim.id, displayName: 'Karim Benali' },
    });

    const mine = (await camille.client.data(MY_ACCOUNT, { first: 10 })).myAccount;
    expect(mine).toMatchObject({
      balanceMinutes: -90,
      floorMinutes: -600,
      ceilingMinutes: 2400,
      availableMinutes: 510,
      isCoordinator: false,
    });
    expect(mine.statement.edges[0].node).toMatchObject({
      kind: 'DIRECT',
      amountMinutes: -90,
      balanceAfterMinutes: -90,
      label: 'Virement à Karim Benali',
      memo: 'Installation de l’imprimante 3D',
      counterpart: { displayName: 'Karim Benali' },
      withPool: false,
    });
    const his = (await karim.client.data(MY_ACCOUNT, { first: 10 })).myAccount;
    expect(his.balanceMinutes).toBe(90);
    expect(his.statement.edges[0].node).toMatchObject({ amountMinutes: 90, label: 'Virement de Camille Le Goff' });

    const { notifications } = await karim.client.data(`{ notifications(first: 5) { edges { node { kind message link } } } }`);
    expect(notifications.edges[0].node).toEqual({
      kind: 'timebank.transfer',
      message: times(french('Camille Le Goff vous a donné 1 h 30 : « Installation de l’imprimante 3D »')),
      link: '/banque-de-temps/compte',
    });
  });

  it('refuses a visitor, a transfer to oneself, and bad input field by field, posting nothing', async () => {
    const lucas = await member(app, 'Lucas Martin');
    const visitor = await app
      .client()
      .error(TRANSFER, { input: { toUserId: lucas.id, minutes: 30, memo: 'Merci', idempotencyKey: randomUUID() } });
    expect(visitor.extensions?.code).toBe('UNAUTHENTICATED');

    const self = await lucas.client.error(TRANSFER, {
      input: { toUserId: lucas.id, minutes: 30, memo: 'Merci', idempotencyKey: randomUUID() },
    });
    expect(self.extensions?.code).toBe('BAD_USER_INPUT');
    expect(self.extensions?.fields?.toUserId).toMatch(/à vous-même/);

    const bad = await lucas.client.error(TRANSFER, { input: { toUserId: randomUUID(), minutes: 0, memo: ' ', idempotencyKey: 'x' } });
    expect(bad.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions?.fields).toMatchObject({
      toUserId: expect.stringMatching(/n’existe pas/),
      minutes: expect.stringMatching(/au moins 1/),
      memo: expect.stringMatching(/pourquoi/),
      idempotencyKey: expect.stringMatching(/invalide/),
    });
    // Everything else right: the recipient is checked by the posting's own statement, which posts nothing.
    const unknown = await lucas.client.error(TRANSFER, {
      input: { toUserId: randomUUID(), minutes: 30, memo: 'Merci', idempotencyKey: randomUUID() },
    });
    expect(unknown.extensions?.fields).toEqual({ toUserId: expect.stringMatching(/n’existe pas/) });
    const tooMuch = await lucas.client.error(TRANSFER, {
      input: { toUserId: admin.id, minutes: 6000, memo: 'Trop', idempotencyKey: randomUUID() },
    });
    expect(tooMuch.extensions?.fields?.minutes).toContain(times('ne peut pas dépasser 50 h'));
    expect(await balanceOf(app, lucas.id)).toBe(0);
  });

  it('refuses a transfer below the floor, saying how much can still be given', async () => {
    const bernard = await member(app, 'Bernard Jolivet');
    const sophie = await member(app, 'Sophie Garnier');
    expect((await transfer(bernard, sophie, 450)).errors).toBeUndefined();
    const refused = await transfer(bernard, sophie, 180);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', availableMinutes: 150 });
    expect(refused.errors![0].message).toBe(times(french('Votre solde ne permet pas ce virement : vous pouvez donner au plus 2 h 30.')));
    expect(refused.errors![0].extensions?.fields).toMatchObject({ minutes: expect.stringContaining(times('au plus 2 h 30')) });
    expect(await balanceOf(app, bernard.id)).toBe(-450);
    expect((await transfer(bernard, sophie, 150)).errors).toBeUndefined();
    expect(await balanceOf(app, bernard.id)).toBe(-600);
  });

  it('accepts a credit above the ceiling and sends the part above it to the pool, visibly in both statements', async () => {
    await setLimits(-600, 120);
    const nadia = await member(app, 'Nadia Roux');
    const helene = await member(app, 'Hélène Moreau');
    const poolBefore = await poolBalance(app);
    const { data } = await transfer(nadia, helene, 180);
    expect(data!.transferTime).toMatchObject({ minutes: 180, receivedMinutes: 120, toPoolMinutes: 60 });
    expect(await balanceOf(app, helene.id)).toBe(120);
    expect(await balanceOf(app, nadia.id)).toBe(-180);
    expect(await poolBalance(app)).toBe(poolBefore + 60);

    const payer = (await nadia.client.data(MY_ACCOUNT, { first: 10 })).myAccount.statement.edges.map((e: any) => e.node);
    expect(payer).toHaveLength(1);
    expect(payer[0]).toMatchObject({ amountMinutes: -180, overflowMinutes: 60 });
    expect(payer[0].label).toBe(
      times(french('Virement à Hélène Moreau (dont 1 h versées au fonds commun : Hélène Moreau a atteint le plafond)')),
    );

    const receiver = (await helene.client.data(MY_ACCOUNT, { first: 10 })).myAccount.statement.edges.map((e: any) => e.node);
    expect(receiver.map((line: any) => [line.kind, line.amountMinutes, line.balanceAfterMinutes, line.withPool])).toEqual([
      ['OVERFLOW', -60, 120, true],
      ['DIRECT', 180, 180, false],
    ]);
    expect(receiver[0].label).toBe(french('Au-delà du plafond : versé au fonds commun'));
    expect(receiver[1].label).toBe(times(french('Virement de Nadia Roux (dont 1 h versées au fonds commun : plafond atteint)')));

    // Already at the ceiling: everything goes on to the pool, nothing is refused.
    const again = await transfer(nadia, helene, 30);
    expect(again.data!.transferTime).toMatchObject({ receivedMinutes: 0, toPoolMinutes: 30 });
    expect(await balanceOf(app, helene.id)).toBe(120);
    await expectLedgerInvariants(app, { floor: -600, ceiling: 2400 });
  });
});

describe('idempotency', () => {
  it('posts a retried request once and returns the same transfer; a reused key for another transfer is a conflict', async () => {
    const a = await member(app, 'Alice Retry');
    const b = await member(app, 'Bruno Retry');
    const key = randomUUID();
    const first = await transfer(a, b, 45, key);
    const second = await transfer(a, b, 45, key);
    expect(second.data!.transferTime.transferId).toBe(first.data!.transferTime.transferId);
    expect(first.data!.transferTime.replayed).toBe(false);
    expect(second.data!.transferTime.replayed).toBe(true);
    expect(await balanceOf(app, a.id)).toBe(-45);
    const { notifications } = await b.client.data(`{ notifications { totalCount } }`);
    expect(notifications.totalCount).toBe(1);

    const other = await transfer(a, b, 50, key);
    expect(other.errors![0].extensions?.code).toBe('CONFLICT');
    expect(await balanceOf(app, a.id)).toBe(-45);
  });

  it('posts once when the same key arrives many times at the same moment', async () => {
    const a = await member(app, 'Alice Simultanée');
    const b = await member(app, 'Bruno Simultané');
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 12 }, () => transfer(a, b, 20, key)));
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(new Set(results.map((r) => r.data!.transferTime.transferId)).size).toBe(1);
    expect(results.filter((r) => !r.data!.transferTime.replayed)).toHaveLength(1);
    expect(await balanceOf(app, a.id)).toBe(-20);
    expect(await balanceOf(app, b.id)).toBe(20);
  });

  it('keys are per payer: two members may use the same key', async () => {
    const a = await member(app, 'Anne Clé');
    const b = await member(app, 'Basile Clé');
    const c = await member(app, 'Chloé Clé');
    const key = randomUUID();
    expect((await transfer(a, c, 10, key)).data!.transferTime.replayed).toBe(false);
    expect((await transfer(b, c, 10, key)).data!.transferTime.replayed).toBe(false);
    expect(await balanceOf(app, c.id)).toBe(20);
  });
});

describe('concurrent transfers from one account', () => {
  it('never break the floor: exactly as many succeed as the floor allows', async () => {
    const payer = await member(app, 'Paul Pressé');
    const receivers = await Promise.all(Array.from({ length: 5 }, (_, i) => member(app, `Receveur ${i}`)));
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => transfer(payer, receivers[i % 5], 60)));
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(10);
    expect(refused.every((r) => r.errors![0].extensions?.code === 'BAD_USER_INPUT')).toBe(true);
    expect(await balanceOf(app, payer.id)).toBe(-600);
    await expectLedgerInvariants(app, { floor: -600, ceiling: 2400 });
  });
});

describe('the database guards the ledger by itself', () => {
  const execute = (query: string, params: unknown[] = []) => app.orm.em.getConnection().execute(query, params as any[]);

  it('refuses UPDATE, DELETE and TRUNCATE of entries and transfers, and a balance written directly', async () => {
    const a = await member(app, 'Agnès Livre');
    const b = await member(app, 'Benoît Livre');
    await transfer(a, b, 30);
    await expect(execute(`update timebank_entry set amount = amount * 2`)).rejects.toThrow(/ajout seul : UPDATE refusé sur timebank_entry/);
    await expect(execute(`delete from timebank_entry`)).rejects.toThrow(/ajout seul : DELETE refusé/);
    await expect(execute(`update timebank_transfer set minutes = 1`)).rejects.toThrow(/ajout seul : UPDATE refusé sur timebank_transfer/);
    await expect(execute(`delete from timebank_transfer`)).rejects.toThrow(/ajout seul/);
    await expect(execute(`truncate timebank_entry cascade`)).rejects.toThrow(/ajout seul : TRUNCATE/);
    await expect(execute(`update timebank_account set balance = 1000 where user_id = ?`, [a.id])).rejects.toThrow(
      /ne change que par une écriture/,
    );
    await expect(execute(`delete from timebank_account where user_id = ?`, [a.id])).rejects.toThrow(/ne se supprime pas/);
    expect(await balanceOf(app, a.id)).toBe(-30);
  });

  it('refuses, at commit, a transfer whose entries do not sum to zero', async () => {
    const a = await member(app, 'Armand Déséquilibre');
    const b = await member(app, 'Béa Déséquilibre');
    await transfer(a, b, 10); // opens both accounts
    const [{ id: from }] = await execute(`select id from timebank_account where user_id = ?`, [a.id]);
    const [{ id: to }] = await execute(`select id from timebank_account where user_id = ?`, [b.id]);
    const forged = app.orm.em.fork();
    await expect(
      forged.transactional(async (tx) => {
        const connection = tx.getConnection();
        const ctx = tx.getTransactionContext();
        const id = randomUUID();
        await connection.execute(
          `insert into timebank_transfer (id, kind, from_account_id, to_account_id, minutes) values (?, 'direct', ?, ?, 100)`,
          [id, from, to],
          'run',
          ctx,
        );
        await connection.execute(`insert into timebank_entry (transfer_id, account_id, amount) values (?, ?, 100)`, [id, to], 'run', ctx);
      }),
    ).rejects.toThrow(/n'est pas équilibré/);
    expect(await balanceOf(app, b.id)).toBe(10);
  });

  it('refuses, by itself, an entry that takes a balance below the floor (0 for the pool)', async () => {
    const a = await member(app, 'Aline Plancher');
    const b = await member(app, 'Bastien Plancher');
    await expect(
      execute(`select * from timebank_post_transfer('direct', ?, ?, 700, 'forcé', null, ?, null)`, [a.id, b.id, a.id]),
    ).rejects.toThrow(/sous le plancher/);
    const pool = await poolBalance(app);
    await expect(
      execute(`select * from timebank_post_transfer('grant', null, ?, ?, 'trop', null, ?, null)`, [b.id, pool + 1, admin.id]),
    ).rejects.toThrow(/sous le plancher/);
    expect(await balanceOf(app, a.id)).toBe(0);
  });
});

describe('the solidarity pool', () => {
  it('receives donations; coordinators (platform admin, network admin) grant from it with a reason; others cannot', async () => {
    const donor = await member(app, 'Denise Donatrice');
    const newcomer = await member(app, 'Noé Nouveau');
    const donated = await donor.client.data(DONATE, { input: { minutes: 240, memo: 'Pour les nouveaux', idempotencyKey: randomUUID() } });
    expect(donated.donateToPool).toMatchObject({ minutes: 240, replayed: false });
    const poolBefore = await poolBalance(app);

    const stranger = await member(app, 'Simple Membre');
    const refused = await stranger.client.error(GRANT, {
      input: { toUserId: newcomer.id, minutes: 60, reason: 'Bienvenue', idempotencyKey: randomUUID() },
    });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/coordinateurs/);
    expect((await stranger.client.error(`{ timebankPool { balanceMinutes } }`)).extensions?.code).toBe('FORBIDDEN');

    const granted = await admin.client.data(GRANT, {
      input: { toUserId: newcomer.id, minutes: 60, reason: 'Bienvenue dans le réseau', idempotencyKey: randomUUID() },
    });
    expect(granted.grantFromPool).toMatchObject({ kind: 'GRANT', minutes: 60, receivedMinutes: 60, to: { displayName: 'Noé Nouveau' } });
    expect(await balanceOf(app, newcomer.id)).toBe(60);

    // An admin of a local network coordinates too.
    const coordinator = await member(app, 'Camille Coordinatrice');
    await coordinator.client.data(`mutation { createOrganization(input: { name: "Réseau Estuaire", kind: RESEAU }) { id } }`);
    expect((await coordinator.client.data(MY_ACCOUNT)).myAccount.isCoordinator).toBe(true);
    const second = await coordinator.client.data(GRANT, {
      input: { toUserId: newcomer.id, minutes: 30, reason: 'Premier atelier', idempotencyKey: randomUUID() },
    });
    expect(second.grantFromPool.minutes).toBe(30);
    expect(await poolBalance(app)).toBe(poolBefore - 90);

    const pool = await coordinator.client.data(
      `{ timebankPool { balanceMinutes statement(first: 5) { edges { node { kind amountMinutes label memo } } } } }`,
    );
    expect(pool.timebankPool.statement.edges[0].node).toEqual({
      kind: 'GRANT',
      amountMinutes: -30,
      label: 'Attribution à Noé Nouveau',
      memo: 'Premier atelier',
    });

    const tooMuch = await admin.client.error(GRANT, {
      input: { toUserId: newcomer.id, minutes: poolBefore, reason: 'Trop', idempotencyKey: randomUUID() },
    });
    expect(tooMuch.extensions).toMatchObject({ code: 'BAD_USER_INPUT', availableMinutes: poolBefore - 90 });
    expect(tooMuch.message).toMatch(/Le fonds commun ne contient que/);

    const noReason = await admin.client.error(GRANT, {
      input: { toUserId: newcomer.id, minutes: 10, reason: ' ', idempotencyKey: randomUUID() },
    });
    expect(noReason.extensions?.fields?.reason).toMatch(/raison/);

    const { notifications } = await newcomer.client.data(`{ notifications { edges { node { kind message } } } }`);
    expect(notifications.edges.map((e: any) => e.node.message)).toContain(
      times(french('Le fonds commun vous attribue 1 h : « Bienvenue dans le réseau »')),
    );
  });
});

describe('settings', () => {
  it('only the platform admin changes the floor and the ceiling, with clear messages', async () => {
    const someone = await member(app, 'Quelqu’un');
    expect((await someone.client.error(SETTINGS, { input: { floorMinutes: -300, ceilingMinutes: 1200 } })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    const bad = await admin.client.error(SETTINGS, { input: { floorMinutes: 60, ceilingMinutes: 0 } });
    expect(bad.extensions?.fields).toMatchObject({
      floorMinutes: times('Le plancher est un nombre entier de minutes, entre −100 h et 0.'),
      ceilingMinutes: times('Le plafond est un nombre entier de minutes, entre 1 h et 200 h.'),
    });
    await setLimits(-300, 1200);
    expect((await app.client().data(`{ timebankSettings { floorMinutes ceilingMinutes } }`)).timebankSettings).toEqual({
      floorMinutes: -300,
      ceilingMinutes: 1200,
    });
    const a = await member(app, 'Après Réglage');
    const refused = await transfer(a, someone, 301);
    expect(refused.errors![0].extensions?.availableMinutes).toBe(300);
  });
});

describe('statements and figures', () => {
  it('downloads my statement as CSV with French columns; a visitor is refused', async () => {
    const a = await member(app, 'Adèle Relevé');
    const b = await member(app, 'Bruno Relevé');
    await transfer(a, b, 90, randomUUID(), 'Aide "site web"; merci');
    await transfer(b, a, 30, randomUUID(), 'Retour');
    const cookie = [...a.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${app.url}/api/banque-de-temps/releve.csv`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="releve-banque-de-temps-/);
    const text = await response.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Date;Heure;Opération;Libellé;Contrepartie;Mémo;Débit (minutes);Crédit (minutes);Montant;Solde après (minutes);Solde après',
    );
    expect(lines).toHaveLength(3);
    const dateAndTime = /^\d{2}\/\d{2}\/\d{4};\d{2}:\d{2};/;
    expect(lines.slice(1).map((line) => dateAndTime.test(line))).toEqual([true, true]);
    expect(lines[1].replace(dateAndTime, '')).toBe(
      times('Virement;Virement à Bruno Relevé;Bruno Relevé;"Aide ""site web""; merci";90;;−1 h 30;-90;−1 h 30'),
    );
    expect(lines[2].replace(dateAndTime, '')).toBe(times('Virement;Virement de Bruno Relevé;Bruno Relevé;Retour;;30;30 min;-60;−1 h'));
    expect((await fetch(`${app.url}/api/banque-de-temps/releve.csv`)).status).toBe(401);
    const poolCsv = await fetch(`${app.url}/api/banque-de-temps/fonds-commun.csv`, { headers: { cookie } });
    expect(poolCsv.status).toBe(403);
  });

  it('publishes circulation figures for everyone; balances always sum to zero', async () => {
    const stats = (await app.client().data(STATS)).ledgerStats;
    expect(stats.month).toMatch(/^\d{4}-\d{2}$/);
    expect(stats.sumOfBalancesMinutes).toBe(0);
    expect(stats.membersExchangedThisMonth).toBeGreaterThan(10);
    expect(stats.transfersThisMonth).toBeGreaterThan(10);
    expect(stats.poolBalanceMinutes).toBe(await poolBalance(app));
    expect(stats.topTenPercentShare).toBeGreaterThan(0);
    expect(stats.topTenPercentShare).toBeLessThanOrEqual(1);

    // One very active member raises the share of the top 10%.
    const hub = await member(app, 'Hub Actif');
    const others = await Promise.all(Array.from({ length: 4 }, (_, i) => member(app, `Partenaire ${i}`)));
    for (const other of others) for (let i = 0; i < 5; i++) await transfer(hub, other, 5);
    const after = (await app.client().data(STATS)).ledgerStats;
    expect(after.transfersThisMonth).toBe(stats.transfersThisMonth + 20);
    expect(after.minutesExchangedThisMonth).toBe(stats.minutesExchangedThisMonth + 100);
    expect(after.topTenPercentShare).toBeGreaterThan(stats.topTenPercentShare);
  });

  it('reads a statement page in the same number of SQL statements for 2 and 20 lines', async () => {
    const a = await member(app, 'Statement Count');
    const b = await member(app, 'Statement Partner');
    for (let i = 0; i < 20; i++) await transfer(i % 2 ? a : b, i % 2 ? b : a, 5 + i);
    const small = await app.countStatements(() => a.client.data(MY_ACCOUNT, { first: 2 }));
    const large = await app.countStatements(() => a.client.data(MY_ACCOUNT, { first: 20 }));
    expect(small.result.myAccount.statement.edges).toHaveLength(2);
    expect(large.result.myAccount.statement.edges).toHaveLength(20);
    expect(large.statements).toBe(small.statements);
    await expectLedgerInvariants(app, { floor: -600, ceiling: 2400 });
  });

  it('walks a statement page by page (keyset cursors): each entry once, newest first', async () => {
    const a = await member(app, 'Relevé Paginé');
    const b = await member(app, 'Partenaire Paginé');
    for (let i = 0; i < 5; i++) await transfer(i % 2 ? a : b, i % 2 ? b : a, 5 + i);
    const whole = (await a.client.data(MY_ACCOUNT, { first: 20 })).myAccount.statement;
    expect(whole.totalCount).toBe(5);
    const expected = whole.edges.map((e: any) => e.node.id);
    // Newest first: entry numbers strictly decrease.
    expect(expected.map(BigInt)).toEqual([...expected.map(BigInt)].sort((x, y) => (x < y ? 1 : x > y ? -1 : 0)));
    const PAGE = `query ($first: Int, $after: String) { myAccount { statement(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: any = (await a.client.data(PAGE, { first: 2, after })).myAccount.statement;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(expected);
    const past = (await a.client.data(PAGE, { first: 2, after })).myAccount.statement;
    expect(past).toMatchObject({ totalCount: 5, edges: [], pageInfo: { hasNextPage: false } });
  });
});
