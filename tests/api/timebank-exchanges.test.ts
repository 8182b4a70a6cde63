import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { establishAccountInDb, grantRoleInDb, startTestApp, type TestApp } from '../helpers/api.js';
import { times, french } from '../helpers/french.js';
import { MY_ACCOUNT, balanceOf, expectLedgerInvariants, member, transfer, type Member } from '../helpers/timebank.js';

const PUBLISH = `mutation ($input: PublishTimebankPostInput!) {
  publishTimebankPost(input: $input) { id kind title descriptionHtml category tags departement commune availability status hidden author { id displayName } }
}`;
const POSTS = `query ($search: String, $kind: TimebankPostKind, $category: TimebankCategory, $tag: String, $departement: String, $includeClosed: Boolean, $first: Int) {
  timebankPosts(search: $search, kind: $kind, category: $category, tag: $tag, departement: $departement, includeClosed: $includeClosed, first: $first) {
    totalCount pageInfo { hasNextPage } edges { node { id title kind status hidden author { displayName } } }
  }
}`;
const CLOSE = `mutation ($input: CloseTimebankPostInput!) { closeTimebankPost(input: $input) { id status closedAt } }`;
const EXCHANGE_FIELDS = `id status minutes spentMinutes myRole transferId disputedAt disputeReason
  post { id title } provider { id displayName } beneficiary { id displayName } proposedBy { id }
  actions { accept complete confirm cancel flag }`;
const PROPOSE = `mutation ($input: ProposeExchangeInput!) { proposeExchange(input: $input) { ${EXCHANGE_FIELDS} } }`;
const ACCEPT = `mutation ($id: ID!) { acceptExchange(input: { exchangeId: $id }) { ${EXCHANGE_FIELDS} } }`;
const COMPLETE = `mutation ($id: ID!, $minutes: Int!) { completeExchange(input: { exchangeId: $id, minutes: $minutes }) { ${EXCHANGE_FIELDS} } }`;
const CONFIRM = `mutation ($id: ID!) { confirmExchange(input: { exchangeId: $id }) { ${EXCHANGE_FIELDS} } }`;
const CANCEL = `mutation ($id: ID!, $reason: String) { cancelExchange(input: { exchangeId: $id, reason: $reason }) { ${EXCHANGE_FIELDS} } }`;
const FLAG = `mutation ($id: ID!, $reason: String!) { flagExchangeDispute(input: { exchangeId: $id, reason: $reason }) { ${EXCHANGE_FIELDS} } }`;
const EXCHANGE = `query ($id: ID!) { exchange(id: $id) { ${EXCHANGE_FIELDS} } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** Letters only, so the full-text search keeps the word as it is. */
const randomSuffix = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

const offer = (overrides: Record<string, unknown> = {}) => ({
  kind: 'OFFER',
  title: 'Mise en route d’une imprimante 3D',
  description: 'Je viens dans votre **EPN** régler l’imprimante et former deux personnes.',
  category: 'MATERIEL',
  tags: ['Impression 3D', 'FabLab'],
  departement: '44',
  commune: 'Saint-Étienne-de-Montluc',
  availability: 'Le mercredi après-midi',
  ...overrides,
});

async function publish(author: Member, overrides: Record<string, unknown> = {}) {
  return (await author.client.data(PUBLISH, { input: offer(overrides) })).publishTimebankPost;
}

async function notificationsOf(person: Member) {
  const { notifications } = await person.client.data(`{ notifications(first: 20) { edges { node { kind message link } } } }`);
  return notifications.edges.map((e: any) => e.node);
}

describe('offers and requests', () => {
  it('publishes an offer with normalized tags and rendered Markdown; refuses a visitor and bad input field by field', async () => {
    const sophie = await member(app, 'Sophie Garnier');
    const post = await publish(sophie);
    expect(post).toMatchObject({
      kind: 'OFFER',
      category: 'MATERIEL',
      tags: ['impression-3d', 'fablab'],
      departement: '44',
      status: 'OPEN',
      hidden: false,
      author: { displayName: 'Sophie Garnier' },
    });
    expect(post.descriptionHtml).toContain('<strong>EPN</strong>');

    const visitor = await app.client().error(PUBLISH, { input: offer() });
    expect(visitor.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await sophie.client.error(PUBLISH, { input: offer({ title: 'Aide', description: 'court', departement: '99' }) });
    expect(bad.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions?.fields).toMatchObject({
      title: expect.stringMatching(/au moins 5 caractères/),
      description: expect.stringMatching(/au moins 10 caractères/),
      departement: expect.stringMatching(/n’existe pas/),
    });
  });

  it('lists, searches without accents and filters; the author closes; others may not', async () => {
    const karim = await member(app, 'Karim Benali');
    const nadia = await member(app, 'Nadia Roux');
    const pix = await publish(karim, {
      title: 'Formation Pix pour médiateurs',
      description: 'Préparer la certification Pix en deux séances.',
      category: 'FORMATION',
      tags: ['pix'],
      departement: '44',
    });
    const site = await publish(nadia, {
      kind: 'REQUEST',
      title: 'Aide pour le site web du centre social',
      description: 'Notre site a besoin d’une mise à jour des démarches.',
      category: 'COMMUNICATION',
      tags: ['site-web'],
      departement: '16',
    });

    const visitor = app.client();
    const byText = (await visitor.data(POSTS, { search: 'demarches' })).timebankPosts;
    expect(byText.edges.map((e: any) => e.node.id)).toEqual([site.id]);
    const requests = (await visitor.data(POSTS, { kind: 'REQUEST' })).timebankPosts;
    expect(requests.edges.map((e: any) => e.node.id)).toContain(site.id);
    expect(requests.edges.every((e: any) => e.node.kind === 'REQUEST')).toBe(true);
    expect((await visitor.data(POSTS, { category: 'FORMATION' })).timebankPosts.edges.map((e: any) => e.node.id)).toEqual([pix.id]);
    expect((await visitor.data(POSTS, { tag: 'Pix' })).timebankPosts.edges.map((e: any) => e.node.id)).toEqual([pix.id]);
    expect((await visitor.data(POSTS, { departement: '16' })).timebankPosts.edges.map((e: any) => e.node.id)).toEqual([site.id]);
    const byAuthor = await visitor.data(`query ($id: ID) { timebankPosts(authorId: $id) { edges { node { id } } } }`, { id: karim.id });
    expect(byAuthor.timebankPosts.edges.map((e: any) => e.node.id)).toEqual([pix.id]);
    const badAuthor = await visitor.error(`{ timebankPosts(authorId: "pas-un-id") { totalCount } }`);
    // A malformed id names nobody: the same answer as any id that does not exist (tests/api/input-limits.test.ts).
    expect(badAuthor.extensions?.code).toBe('NOT_FOUND');

    const refused = await karim.client.error(CLOSE, { input: { postId: site.id } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    const closed = (await nadia.client.data(CLOSE, { input: { postId: site.id } })).closeTimebankPost;
    expect(closed.status).toBe('CLOSED');
    expect((await visitor.data(POSTS, { departement: '16' })).timebankPosts.totalCount).toBe(0);
    expect((await visitor.data(POSTS, { departement: '16', includeClosed: true })).timebankPosts.totalCount).toBe(1);
  });

  it('lets its author correct an open post, field by field; refuses anyone else, a visitor, bad input and a closed post', async () => {
    const lea = await member(app, 'Léa Correctrice');
    const post = await publish(lea, { title: 'Atelier tablette pour débutants', departement: '35', commune: 'Rennes' });
    const UPDATE = `mutation ($input: UpdateTimebankPostInput!) {
      updateTimebankPost(input: $input) { id kind title descriptionHtml category tags departement commune availability status }
    }`;
    const corrected = {
      postId: post.id,
      title: 'Atelier tablette pour grands débutants',
      description: 'Deux séances **le samedi** matin, tablette prêtée.',
      category: 'FORMATION',
      tags: ['Tablette'],
      departement: '35',
      commune: 'Saint-Malo',
      availability: null,
    };
    const updated = (await lea.client.data(UPDATE, { input: corrected })).updateTimebankPost;
    expect(updated).toMatchObject({
      id: post.id,
      kind: 'OFFER',
      title: 'Atelier tablette pour grands débutants',
      category: 'FORMATION',
      tags: ['tablette'],
      commune: 'Saint-Malo',
      availability: null,
      status: 'OPEN',
    });
    expect(updated.descriptionHtml).toContain('<strong>le samedi</strong>');
    const listed = (await app.client().data(POSTS, { search: 'grands debutants' })).timebankPosts;
    expect(listed.edges.map((e: any) => e.node.title)).toEqual(['Atelier tablette pour grands débutants']);

    const bad = await lea.client.error(UPDATE, { input: { ...corrected, title: 'Non', departement: '00' } });
    expect(bad.extensions?.fields).toMatchObject({ title: expect.stringContaining('5 caractères'), departement: expect.any(String) });
    const other = await member(app, 'Autre Membre');
    expect((await other.client.error(UPDATE, { input: corrected })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().error(UPDATE, { input: corrected })).extensions?.code).toBe('UNAUTHENTICATED');
    await lea.client.data(CLOSE, { input: { postId: post.id } });
    const closed = await lea.client.error(UPDATE, { input: corrected });
    expect(closed.extensions?.code).toBe('CONFLICT');
    expect(closed.message).toBe(french('Cette annonce est close : elle ne peut plus être modifiée.'));
  });

  it('leaves hidden posts out of public lists, but their author still sees them, marked hidden', async () => {
    const author = await member(app, 'Auteur Masqué');
    const post = await publish(author, { title: 'Annonce masquée par la modération', departement: '29' });
    await app.orm.em
      .getConnection()
      .execute(`update timebank_post set hidden_at = now(), hidden_reason = 'Publicité' where id = ?`, [post.id]);
    expect((await app.client().data(POSTS, { departement: '29' })).timebankPosts.totalCount).toBe(0);
    const own = (await author.client.data(POSTS, { departement: '29' })).timebankPosts;
    expect(own.edges[0].node).toMatchObject({ id: post.id, hidden: true });
    expect((await app.client().data(`query ($id: ID!) { timebankPost(id: $id) { id } }`, { id: post.id })).timebankPost).toBeNull();
  });

  it('reads a page of posts in the same number of SQL statements for 2 and 20 posts', async () => {
    const author = await member(app, 'Auteur Prolifique');
    await establishAccountInDb(app, author.id); // past the first-week posting limit
    for (let i = 0; i < 20; i++) await publish(author, { title: `Atelier smartphone numéro ${i}`, departement: '56' });
    const list = (first: number) => app.client().data(POSTS, { departement: '56', first });
    const small = await app.countStatements(() => list(2));
    const large = await app.countStatements(() => list(20));
    expect(small.result.timebankPosts.edges).toHaveLength(2);
    expect(large.result.timebankPosts.edges).toHaveLength(20);
    expect(large.statements).toBe(small.statements);
  });

  it('walks the posts page by page (keyset cursors): each post once, newest first, ties broken by id, with or without a search', async () => {
    const author = await member(app, 'Auteur Paginé');
    await establishAccountInDb(app, author.id); // past the first-week posting limit
    const tag = `pages-${randomSuffix()}`;
    const word = `pagination${randomSuffix()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await publish(author, { title: 'Atelier parcouru page par page', description: `Une annonce ${word} de la liste.`, tags: [tag] }))
          .id,
      );
    }
    // Three posts share one instant (one statement, one now()), newer than the two others: the id orders them.
    const tied = ids.slice(0, 3);
    await app.orm.em.getConnection().execute(`update timebank_post set created_at = now() where id in (?, ?, ?)`, tied);
    const expected = [...[...tied].sort().reverse(), ids[4], ids[3]];
    const PAGE = `query ($tag: String, $search: String, $first: Int, $after: String) {
      timebankPosts(tag: $tag, search: $search, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
    }`;
    for (const filter of [{ tag }, { search: word }]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page: any = (await app.client().data(PAGE, { ...filter, first: 2, after })).timebankPosts;
        expect(page.totalCount).toBe(5);
        seen.push(...page.edges.map((e: any) => e.node.id));
        after = page.pageInfo.endCursor;
        if (!page.pageInfo.hasNextPage) break;
      }
      expect(seen).toEqual(expected);
      // Past the last page: no row, the total still right.
      const past = (await app.client().data(PAGE, { ...filter, first: 2, after })).timebankPosts;
      expect(past).toMatchObject({ totalCount: 5, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    }
    // A cursor of the searched list does not fit the plain one.
    const searched = (await app.client().data(PAGE, { search: word, first: 1 })).timebankPosts;
    const foreign = await app.client().error(PAGE, { tag, first: 1, after: searched.pageInfo.endCursor });
    expect(foreign.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('an exchange, step by step', () => {
  it('goes proposed → accepted → done → confirmed, posts the transfer once, and tells each side', async () => {
    const sophie = await member(app, 'Sophie Garnier');
    const camille = await member(app, 'Camille Le Goff');
    const post = await publish(sophie);

    // Camille answers Sophie's offer: she is the beneficiary, Sophie the provider.
    const proposed = (await camille.client.data(PROPOSE, { input: { postId: post.id, minutes: 120, message: 'Mercredi 14 h ?' } }))
      .proposeExchange;
    expect(proposed).toMatchObject({
      status: 'PROPOSED',
      minutes: 120,
      myRole: 'BENEFICIARY',
      provider: { id: sophie.id },
      beneficiary: { id: camille.id },
      actions: { accept: false, complete: false, confirm: false, cancel: true, flag: true },
    });
    expect((await notificationsOf(sophie))[0]).toEqual({
      kind: 'timebank.exchange.proposed',
      message: times(french('Camille Le Goff propose un échange de 2 h sur « Mise en route d’une imprimante 3D »')),
      link: `/banque-de-temps/echanges/${proposed.id}`,
    });

    // The proposer cannot accept their own proposal; the provider cannot confirm.
    expect((await camille.client.error(ACCEPT, { id: proposed.id })).extensions?.code).toBe('FORBIDDEN');
    const early = await sophie.client.error(COMPLETE, { id: proposed.id, minutes: 90 });
    expect(early.extensions?.code).toBe('CONFLICT');
    const accepted = (await sophie.client.data(ACCEPT, { id: proposed.id })).acceptExchange;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', myRole: 'PROVIDER', actions: { complete: true } });
    expect((await notificationsOf(camille))[0].kind).toBe('timebank.exchange.accepted');

    expect((await camille.client.error(COMPLETE, { id: proposed.id, minutes: 90 })).extensions?.code).toBe('FORBIDDEN');
    const badMinutes = await sophie.client.error(COMPLETE, { id: proposed.id, minutes: 0 });
    expect(badMinutes.extensions?.fields?.minutes).toMatch(/durée/);
    const done = (await sophie.client.data(COMPLETE, { id: proposed.id, minutes: 150 })).completeExchange;
    expect(done).toMatchObject({ status: 'DONE', spentMinutes: 150 });
    expect((await notificationsOf(camille))[0].message).toBe(
      times(
        french(
          'Sophie Garnier indique avoir passé 2 h 30 pour « Mise en route d’une imprimante 3D » : confirmez pour lui transférer ce temps',
        ),
      ),
    );

    expect((await sophie.client.error(CONFIRM, { id: proposed.id })).extensions?.code).toBe('FORBIDDEN');
    expect(await balanceOf(app, camille.id)).toBe(0);
    // A double click: both requests at once, one transfer.
    const [first, second] = await Promise.all([
      camille.client.request(CONFIRM, { id: proposed.id }),
      camille.client.request(CONFIRM, { id: proposed.id }),
    ]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    const confirmed = first.data!.confirmExchange;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', transferId: expect.any(String), actions: { cancel: false } });
    expect(second.data!.confirmExchange.transferId).toBe(confirmed.transferId);
    expect(await balanceOf(app, camille.id)).toBe(-150);
    expect(await balanceOf(app, sophie.id)).toBe(150);
    expect((await notificationsOf(sophie))[0].message).toBe(
      times(french('Camille Le Goff a confirmé l’échange « Mise en route d’une imprimante 3D » : vous recevez 2 h 30')),
    );

    const line = (await sophie.client.data(MY_ACCOUNT, { first: 1 })).myAccount.statement.edges[0].node;
    expect(line).toMatchObject({
      kind: 'EXCHANGE',
      amountMinutes: 150,
      exchangeId: proposed.id,
      label: french('Échange avec Camille Le Goff : Mise en route d’une imprimante 3D'),
    });
    // In English, English punctuation.
    const english = (await sophie.client.request<any>(MY_ACCOUNT, { first: 1 }, { 'accept-language': 'en' })).data.myAccount.statement
      .edges[0].node;
    expect(english.label).toBe('Exchange with Camille Le Goff: Mise en route d’une imprimante 3D');

    // Confirmed: nobody cancels any more.
    expect((await sophie.client.error(CANCEL, { id: proposed.id })).extensions?.code).toBe('CONFLICT');
    await expectLedgerInvariants(app, { floor: -600, ceiling: 2400 });
  });

  it('answering a request makes you the provider; the beneficiary cannot confirm beyond the floor', async () => {
    const nadia = await member(app, 'Nadia Roux');
    const lucas = await member(app, 'Lucas Martin');
    const other = await member(app, 'Quelqu’un');
    const request = await publish(nadia, { kind: 'REQUEST', title: 'Aide pour le site web', category: 'COMMUNICATION' });
    const x = (await lucas.client.data(PROPOSE, { input: { postId: request.id, minutes: 60 } })).proposeExchange;
    expect(x).toMatchObject({ provider: { id: lucas.id }, beneficiary: { id: nadia.id }, myRole: 'PROVIDER' });
    await nadia.client.data(ACCEPT, { id: x.id });
    await lucas.client.data(COMPLETE, { id: x.id, minutes: 120 });
    // Nadia spends her margin elsewhere first.
    expect((await transfer(nadia, other, 540)).errors).toBeUndefined();
    const refused = await nadia.client.error(CONFIRM, { id: x.id });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', availableMinutes: 60 });
    expect((await nadia.client.data(EXCHANGE, { id: x.id })).exchange.status).toBe('DONE');
    expect(await balanceOf(app, lucas.id)).toBe(0);
  });

  it('refuses proposing on one’s own or a closed post, and hides an exchange from third parties', async () => {
    const author = await member(app, 'Auteur Seul');
    const stranger = await member(app, 'Tierce Personne');
    const post = await publish(author);
    const own = await author.client.error(PROPOSE, { input: { postId: post.id, minutes: 60 } });
    expect(own.extensions?.fields?.postId).toMatch(/votre propre annonce/);
    const x = (await stranger.client.data(PROPOSE, { input: { postId: post.id, minutes: 60 } })).proposeExchange;
    const third = await member(app, 'Curieux');
    expect((await third.client.data(EXCHANGE, { id: x.id })).exchange).toBeNull();
    expect((await third.client.error(ACCEPT, { id: x.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await app.client().error(EXCHANGE, { id: x.id })).extensions?.code).toBe('UNAUTHENTICATED');
    await author.client.data(CLOSE, { input: { postId: post.id } });
    const closed = await third.client.error(PROPOSE, { input: { postId: post.id, minutes: 60 } });
    expect(closed.extensions?.fields?.postId).toMatch(/close/);
  });

  it('either side cancels before confirmation, with a reason told to the other', async () => {
    const a = await member(app, 'Annulation Auteur');
    const b = await member(app, 'Annulation Proposant');
    const post = await publish(a);
    const x = (await b.client.data(PROPOSE, { input: { postId: post.id, minutes: 30 } })).proposeExchange;
    await a.client.data(ACCEPT, { id: x.id });
    const cancelled = (await a.client.data(CANCEL, { id: x.id, reason: 'Imprimante en panne' })).cancelExchange;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', actions: { accept: false, complete: false, confirm: false, cancel: false } });
    expect((await notificationsOf(b))[0].message).toBe(
      french('Annulation Auteur a annulé l’échange « Mise en route d’une imprimante 3D » : « Imprimante en panne »'),
    );
    expect((await a.client.error(COMPLETE, { id: x.id, minutes: 30 })).extensions?.code).toBe('CONFLICT');
  });

  it('flags a disagreement to the moderators, who see it and may cancel it', async () => {
    const moderator = await member(app, 'Hélène Moreau');
    await grantRoleInDb(app, moderator.id, 'moderator');
    const a = await member(app, 'Désaccord Fournisseur');
    const b = await member(app, 'Désaccord Bénéficiaire');
    const post = await publish(a);
    const x = (await b.client.data(PROPOSE, { input: { postId: post.id, minutes: 60 } })).proposeExchange;
    await a.client.data(ACCEPT, { id: x.id });
    await a.client.data(COMPLETE, { id: x.id, minutes: 240 });

    const short = await b.client.error(FLAG, { id: x.id, reason: 'Non' });
    expect(short.extensions?.fields?.reason).toMatch(/au moins 10 caractères/);
    const outsider = await member(app, 'Pas Concerné');
    expect((await outsider.client.error(FLAG, { id: x.id, reason: 'Je ne suis pas concerné du tout' })).extensions?.code).toBe('NOT_FOUND');
    // A moderator cannot cancel an exchange that nobody disputes.
    expect((await moderator.client.error(CANCEL, { id: x.id })).extensions?.code).toBe('FORBIDDEN');

    const flagged = (await b.client.data(FLAG, { id: x.id, reason: 'Nous avions convenu d’une heure, pas de quatre.' }))
      .flagExchangeDispute;
    expect(flagged.disputedAt).toBeTruthy();
    expect(flagged.actions.flag).toBe(false);
    expect((await notificationsOf(moderator))[0]).toMatchObject({
      kind: 'timebank.exchange.disputed',
      message: french('Désaccord signalé par Désaccord Bénéficiaire sur l’échange « Mise en route d’une imprimante 3D »'),
    });
    expect((await notificationsOf(a))[0].kind).toBe('timebank.exchange.disputed');

    expect((await b.client.error(`{ disputedExchanges { totalCount } }`)).extensions?.code).toBe('FORBIDDEN');
    const disputed = (
      await moderator.client.data(`{ disputedExchanges { totalCount edges { node { id disputeReason actions { cancel } } } } }`)
    ).disputedExchanges;
    expect(disputed.edges.map((e: any) => e.node)).toEqual([
      { id: x.id, disputeReason: 'Nous avions convenu d’une heure, pas de quatre.', actions: { cancel: true } },
    ]);
    expect((await moderator.client.data(CANCEL, { id: x.id, reason: 'Médiation : à refaire' })).cancelExchange.status).toBe('CANCELLED');
  });

  it('lists my exchanges in the same number of SQL statements for 2 and 20', async () => {
    const provider = await member(app, 'Fournisseur Liste');
    const beneficiary = await member(app, 'Bénéficiaire Liste');
    const post = await publish(provider);
    for (let i = 0; i < 20; i++) await beneficiary.client.data(PROPOSE, { input: { postId: post.id, minutes: 30 + i } });
    const list = (first: number) =>
      beneficiary.client.data(`query ($first: Int) { myExchanges(first: $first) { totalCount edges { node { ${EXCHANGE_FIELDS} } } } }`, {
        first,
      });
    const small = await app.countStatements(() => list(2));
    const large = await app.countStatements(() => list(20));
    expect(large.result.myExchanges.totalCount).toBe(20);
    expect(large.result.myExchanges.edges).toHaveLength(20);
    expect(large.statements).toBe(small.statements);
  });
  it('walks my exchanges page by page (keyset cursors): each once, latest activity first, ties broken by id', async () => {
    const provider = await member(app, 'Fournisseur Pages');
    const beneficiary = await member(app, 'Bénéficiaire Pages');
    const post = await publish(provider);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await beneficiary.client.data(PROPOSE, { input: { postId: post.id, minutes: 10 + i } })).proposeExchange.id);
    // Three exchanges move at one instant (one statement, one now()), after the two others: the id orders them.
    const tied = ids.slice(0, 3);
    await app.orm.em.getConnection().execute(`update timebank_exchange set updated_at = now() where id in (?, ?, ?)`, tied);
    const expected = [...[...tied].sort().reverse(), ids[4], ids[3]];
    const PAGE = `query ($first: Int, $after: String) {
      myExchanges(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: any = (await beneficiary.client.data(PAGE, { first: 2, after })).myExchanges;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(expected);
    const past = (await beneficiary.client.data(PAGE, { first: 2, after })).myExchanges;
    expect(past).toMatchObject({ totalCount: 5, edges: [] });
  });
});
