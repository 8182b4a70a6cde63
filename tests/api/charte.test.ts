import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { assertCharterSignedIfRequired } from '../../server/src/modules/charte/requirement.service.js';
import { establishAccountInDb, grantRoleInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
const CHARTER = `query ($number: Int) { charter(number: $number) {
  id number changelog changelogHtml publishedAt isCurrent signatureCount signatoryCount
  articles { id number title body bodyHtml }
  changes { fromNumber toNumber changedCount articles { number change titleBefore titleAfter bodyMarked body { kind text } } }
} }`;
const PUBLISH = `mutation ($input: PublishCharterVersionInput!) { publishCharterVersion(input: $input) { id number changelog articles { id number title body } } }`;
const SIGN = `mutation ($input: SignCharterInput!) { signCharter(input: $input) {
  id kind name signer { id displayName } organizationName departement versionNumber signedCurrentVersion signedAt } }`;
const WITHDRAW_SIGNATURE = `mutation ($input: WithdrawCharterSignatureInput!) { withdrawCharterSignature(input: $input) { signedVersion signedCurrent } }`;
const SIGNATORIES = `query ($first: Int, $departement: String, $kind: SignerKind, $search: String, $versionNumber: Int) {
  charterSignatories(first: $first, departement: $departement, kind: $kind, search: $search, versionNumber: $versionNumber) {
    totalCount pageInfo { hasNextPage }
    edges { node { id kind name signer { displayName } organizationName departement versionNumber signedCurrentVersion } }
    byDepartement { departement count } byKind { kind count }
  } }`;
const STATUS = `{ myCharterStatus { currentVersion signedVersion signedCurrent newVersionAwaitsSignature canAmend canPublish
  changesSinceSigned { fromNumber toNumber changedCount articles { number change bodyMarked } }
  organizations { organizationId organizationName signedVersion } } }`;
const AMENDMENT_FIELDS = `id status proposedTitle proposedBody proposedBodyHtml reason supportCount commentCount supportedByMe
  decisionReply decisionReplyHtml adoptedBody incorporatedInVersion diffMarked diff { kind text }
  article { id number title versionNumber } author { id displayName }`;
const PROPOSE = `mutation ($input: ProposeAmendmentInput!) { proposeAmendment(input: $input) { ${AMENDMENT_FIELDS} } }`;
const SUPPORT = `mutation ($input: AmendmentRefInput!) { supportAmendment(input: $input) { id supportCount supportedByMe } }`;
const UNSUPPORT = `mutation ($input: AmendmentRefInput!) { withdrawAmendmentSupport(input: $input) { id supportCount supportedByMe } }`;
const COMMENT = `mutation ($input: CommentAmendmentInput!) { commentAmendment(input: $input) { id body bodyHtml author { displayName } } }`;
const COMMENTS = `query ($amendmentId: ID!, $first: Int) { amendmentComments(amendmentId: $amendmentId, first: $first) {
  totalCount edges { node { id body author { displayName } } } } }`;
const DECIDE = `mutation ($input: DecideAmendmentInput!) { decideAmendment(input: $input) { ${AMENDMENT_FIELDS} decidedAt } }`;
const AMENDMENT = `query ($id: ID!) { charterAmendment(id: $id) { ${AMENDMENT_FIELDS} } }`;
const AMENDMENTS = `query ($first: Int, $status: AmendmentStatus) { charterAmendments(first: $first, status: $status) {
  totalCount edges { node { id status supportCount commentCount supportedByMe article { number } author { displayName } } } } }`;
const DRAFT = `{ charterDraft { basedOnVersion suggestedChangelog articles { number title body } amendments { id }
  diff { changedCount articles { number change bodyMarked } } } }`;
const SETTINGS = `mutation ($input: CharterSettingsInput!) { updateCharterSettings(input: $input) { signatureRequiredToPublish } }`;
const CREATE_ORGANIZATION = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`;

const V1_ARTICLES = [
  { number: 1, title: "Accompagner vers l'autonomie", body: "Nous accompagnons chaque personne vers l'autonomie, à son rythme." },
  {
    number: 2,
    title: 'Respecter les personnes',
    body: 'Nous respectons la confidentialité des personnes accompagnées et de leurs données.',
  },
  { number: 3, title: 'Coopérer', body: 'Nous coopérons entre acteurs du territoire.' },
];

let app: TestApp;
let committee: GraphQLClient;

async function member(name: string, departement?: string): Promise<{ client: GraphQLClient; id: string }> {
  const client = app.client();
  const { id } = await signUp(client, name);
  if (departement)
    await client.data(`mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, { input: { departement } });
  return { client, id };
}

async function userEntity(id: string): Promise<User> {
  return app.orm.em.fork().findOneOrFail(User, { id });
}

async function notificationKinds(userId: string): Promise<string[]> {
  const rows: Array<{ kind: string }> = await app.orm.em
    .getConnection()
    .execute(`select kind from notification where recipient_id = ? order by created_at`, [userId]);
  return rows.map((row) => row.kind);
}

beforeAll(async () => {
  app = await startTestApp();
  const admin = await member('Comité de la charte');
  await grantRoleInDb(app, admin.id, 'admin');
  committee = admin.client;
});
afterAll(async () => {
  await app?.close();
});

describe('versions', () => {
  it('shows no charter before the first publication, and lets only the committee publish', async () => {
    expect((await app.client().data(CHARTER)).charter).toBeNull();
    const input = { changelog: 'Première version.', articles: V1_ARTICLES };
    expect((await app.client().error(PUBLISH, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    const { client } = await member('Simple Membre');
    const refused = await client.error(PUBLISH, { input });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().data(CHARTER)).charter).toBeNull();
  });

  it('explains every mistake in the articles, field by field', async () => {
    const error = await committee.error(PUBLISH, {
      input: {
        changelog: '',
        articles: [
          { number: 1, title: ' ', body: 'Texte.' },
          { number: 3, title: 'Trois', body: '' },
        ],
      },
    });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toMatchObject({
      changelog: expect.stringMatching(/ce qui change/),
      'articles.0.title': 'Donnez un titre à l’article 1.',
    });
    const articles = await committee.error(PUBLISH, {
      input: {
        changelog: 'Première version.',
        articles: [
          { number: 1, title: ' ', body: 'Texte.' },
          { number: 3, title: 'Trois', body: '' },
        ],
      },
    });
    expect(articles.extensions?.fields).toEqual({
      'articles.0.title': 'Donnez un titre à l’article 1.',
      'articles.1.number': french('Les articles sont numérotés 1, 2, 3… : celui-ci devrait être le 2.'),
      'articles.1.body': 'Écrivez le texte de l’article 2.',
    });
    const none = await committee.error(PUBLISH, { input: { changelog: 'Première version.' } });
    expect(none.extensions?.fields?.articles).toMatch(/première version/);
  });

  it('publishes version 1, readable by everyone with its articles rendered', async () => {
    const { publishCharterVersion } = await committee.data(PUBLISH, {
      input: { changelog: 'Première version, **adoptée** par le réseau.', articles: V1_ARTICLES },
    });
    expect(publishCharterVersion.number).toBe(1);
    const { charter } = await app.client().data(CHARTER);
    expect(charter).toMatchObject({ number: 1, isCurrent: true, signatureCount: 0, signatoryCount: 0, changes: null });
    expect(charter.changelogHtml).toContain('<strong>adoptée</strong>');
    expect(charter.articles.map((a: any) => [a.number, a.title])).toEqual(V1_ARTICLES.map((a) => [a.number, a.title]));
    expect(charter.articles[0].bodyHtml).toBe("<p>Nous accompagnons chaque personne vers l'autonomie, à son rythme.</p>\n");
  });
});

describe('signatures', () => {
  it('refuses a visitor', async () => {
    const error = await app.client().error(SIGN, { input: {} });
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets a member sign once in their own name, and refuses signing twice', async () => {
    const { client } = await member('Camille Le Goff', '44');
    const { signCharter } = await client.data(SIGN, { input: {} });
    expect(signCharter).toMatchObject({
      kind: 'PERSON',
      name: 'Camille Le Goff',
      departement: '44',
      versionNumber: 1,
      signedCurrentVersion: true,
      organizationName: null,
    });
    const twice = await client.error(SIGN, { input: {} });
    expect(twice.extensions?.code).toBe('CONFLICT');
    expect(twice.message).toBe('Vous avez déjà signé la version 1 de la charte.');
  });

  it('records one signature when the same member clicks twice at once', async () => {
    const { client, id } = await member('Double Clic', '35');
    const results = await Promise.all([client.request(SIGN, { input: {} }), client.request(SIGN, { input: {} })]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.find((r) => r.errors)?.errors?.[0].extensions?.code).toBe('CONFLICT');
    const [{ count }] = await app.orm.em
      .getConnection()
      .execute(`select count(*)::int as count from charter_signature where signer_id = ?`, [id]);
    expect(count).toBe(1);
  });

  it('lets an organization admin sign on its behalf, naming both; refuses its plain members and outsiders', async () => {
    const admin = await member('Karim Benali', '44');
    const { createOrganization: organization } = await admin.client.data(CREATE_ORGANIZATION, {
      input: { name: 'Amicale laïque de Malville' },
    });
    const outsider = await member('Quelqu’un d’ailleurs');
    const refused = await outsider.client.error(SIGN, { input: { organizationId: organization.id } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/administrateurs de cette organisation/);
    // The platform admin is not an admin of this organization either.
    expect((await committee.error(SIGN, { input: { organizationId: organization.id } })).extensions?.code).toBe('FORBIDDEN');
    const badTerritory = await admin.client.error(SIGN, { input: { organizationId: organization.id, departement: '999' } });
    expect(badTerritory.extensions?.fields?.departement).toMatch(/numéro de département/);

    const { signCharter } = await admin.client.data(SIGN, { input: { organizationId: organization.id, departement: '44' } });
    expect(signCharter).toMatchObject({
      kind: 'ORGANIZATION',
      name: 'Amicale laïque de Malville',
      organizationName: 'Amicale laïque de Malville',
      signer: { displayName: 'Karim Benali' },
      departement: '44',
      versionNumber: 1,
    });
    expect((await admin.client.error(SIGN, { input: { organizationId: 'pas-un-identifiant' } })).extensions?.code).toBe('NOT_FOUND');
    const twice = await admin.client.error(SIGN, { input: { organizationId: organization.id } });
    expect(twice.message).toBe('Cette organisation a déjà signé la version 1 de la charte.');
    // Only its admins withdraw the organization's signature.
    const plainMember = await member('Bénévole de Malville');
    await app.orm.em
      .getConnection()
      .execute(`insert into membership (id, organization_id, user_id, role) values (gen_random_uuid(), ?, ?, 'member')`, [
        organization.id,
        plainMember.id,
      ]);
    const notAdmin = await plainMember.client.error(WITHDRAW_SIGNATURE, { input: { organizationId: organization.id } });
    expect(notAdmin.extensions?.code).toBe('FORBIDDEN');
    expect((await plainMember.client.error(SIGN, { input: { organizationId: organization.id } })).extensions?.code).toBe('FORBIDDEN');
    // Signing for the organization is not signing in one's own name.
    const { myCharterStatus } = await admin.client.data(STATUS);
    expect(myCharterStatus).toMatchObject({
      signedVersion: null,
      signedCurrent: false,
      organizations: [{ organizationName: 'Amicale laïque de Malville', signedVersion: 1 }],
    });
  });

  it('lists signatories publicly with filters and counts per département and kind', async () => {
    const visitor = app.client();
    const all = (await visitor.data(SIGNATORIES)).charterSignatories;
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((e: any) => e.node.name).sort()).toEqual(['Amicale laïque de Malville', 'Camille Le Goff', 'Double Clic']);
    expect(all.byDepartement).toEqual([
      { departement: '44', count: 2 },
      { departement: '35', count: 1 },
    ]);
    expect(all.byKind).toEqual([
      { kind: 'PERSON', count: 2 },
      { kind: 'ORGANIZATION', count: 1 },
    ]);

    const inLoireAtlantique = (await visitor.data(SIGNATORIES, { departement: '44', kind: 'PERSON' })).charterSignatories;
    expect(inLoireAtlantique.edges.map((e: any) => e.node.name)).toEqual(['Camille Le Goff']);
    // The counts keep showing every département and kind, so a filter can be changed.
    expect(inLoireAtlantique.byDepartement).toEqual(all.byDepartement);

    const search = (await visitor.data(SIGNATORIES, { search: 'amicale laique' })).charterSignatories;
    expect(search.edges.map((e: any) => e.node.signer.displayName)).toEqual(['Karim Benali']);
    expect((await visitor.data(SIGNATORIES, { search: '100%' })).charterSignatories.totalCount).toBe(0);
  });

  it("lets an organization admin withdraw the organization's signature, and sign it again", async () => {
    const admin = await member('Admin Temporaire', '49');
    const { createOrganization: organization } = await admin.client.data(CREATE_ORGANIZATION, { input: { name: 'Tiers-lieu de passage' } });
    await admin.client.data(SIGN, { input: { organizationId: organization.id } });
    expect((await app.client().data(SIGNATORIES, { search: 'tiers-lieu de passage' })).charterSignatories.totalCount).toBe(1);
    expect((await app.client().error(WITHDRAW_SIGNATURE, { input: { organizationId: organization.id } })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    await admin.client.data(WITHDRAW_SIGNATURE, { input: { organizationId: organization.id } });
    expect((await app.client().data(SIGNATORIES, { search: 'tiers-lieu de passage' })).charterSignatories.totalCount).toBe(0);
  });

  it('lets a member withdraw their signature and sign again', async () => {
    const { client } = await member('Lucas Martin', '44');
    await client.data(SIGN, { input: {} });
    const { withdrawCharterSignature } = await client.data(WITHDRAW_SIGNATURE, { input: {} });
    expect(withdrawCharterSignature).toEqual({ signedVersion: null, signedCurrent: false });
    const list = (await app.client().data(SIGNATORIES, { search: 'Lucas' })).charterSignatories;
    expect(list.totalCount).toBe(0);
    const again = await client.error(WITHDRAW_SIGNATURE, { input: {} });
    expect(again.extensions?.code).toBe('NOT_FOUND');
    await client.data(SIGN, { input: {} });
    expect((await app.client().data(SIGNATORIES, { search: 'Lucas' })).charterSignatories.totalCount).toBe(1);
    await client.data(WITHDRAW_SIGNATURE, { input: {} });
  });

  it('lists signatories in the same number of SQL statements for 2 and 20 of them', async () => {
    const em = app.orm.em.fork();
    const version = await em.getConnection().execute(`select id from charter_version where number = 1`);
    for (let i = 0; i < 20; i++) {
      const user = em.create(User, { email: `signataire${i}@exemple.fr`, displayName: `Signataire ${i}`, departement: '16' });
      await em.flush();
      await em
        .getConnection()
        .execute(
          `insert into charter_signature (id, version_id, signer_id, departement, signed_at) values (gen_random_uuid(), ?, ?, '16', now() - interval '1 year')`,
          [version[0].id, user.id],
        );
    }
    const list = (first: number) => app.client().data(SIGNATORIES, { first, departement: '16' });
    const small = await app.countStatements(() => list(2));
    const large = await app.countStatements(() => list(20));
    expect(small.result.charterSignatories.edges).toHaveLength(2);
    expect(large.result.charterSignatories.edges).toHaveLength(20);
    expect(large.statements).toBe(small.statements);
    await app.orm.em.getConnection().execute(`update charter_signature set withdrawn_at = now() where departement = '16'`);
  });
});

describe('amendments, decision and a new version', () => {
  let author: { client: GraphQLClient; id: string };
  let supporter: { client: GraphQLClient; id: string };
  let amendmentId: string;

  beforeAll(async () => {
    author = await member('Sophie Garnier', '44');
    supporter = await member('Bernard Jolivet', '44');
  });

  it('refuses an amendment from someone who has not signed the current version', async () => {
    const { charter } = await app.client().data(CHARTER);
    const input = { articleId: charter.articles[0].id, proposedBody: 'Un autre texte.', reason: 'Parce que cela me semble plus juste.' };
    const error = await author.client.error(PROPOSE, { input });
    expect(error.extensions?.code).toBe('FORBIDDEN');
    expect(error.message).toBe('Pour proposer un amendement, signez d’abord la version 1 de la charte.');
    expect((await app.client().error(PROPOSE, { input })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('checks the proposal field by field', async () => {
    await author.client.data(SIGN, { input: {} });
    const { charter } = await app.client().data(CHARTER);
    const same = await author.client.error(PROPOSE, {
      input: { articleId: charter.articles[0].id, proposedBody: V1_ARTICLES[0].body, reason: 'court' },
    });
    expect(same.extensions?.code).toBe('BAD_USER_INPUT');
    expect(same.extensions?.fields).toEqual({
      proposedBody: french('Votre texte est identique à l’article actuel : modifiez-le.'),
      reason: 'Expliquez en une phrase au moins pourquoi vous proposez ce changement.',
    });
  });

  it('lets a signatory propose an amendment, shown word by word, and tells the committee', async () => {
    const { charter } = await app.client().data(CHARTER);
    const { proposeAmendment } = await author.client.data(PROPOSE, {
      input: {
        articleId: charter.articles[0].id,
        proposedBody: "Nous accompagnons chaque personne vers plus d'autonomie, à son rythme et sans jugement.",
        reason: "L'autonomie se gagne pas à pas ; le jugement éloigne les personnes.",
      },
    });
    amendmentId = proposeAmendment.id;
    expect(proposeAmendment).toMatchObject({
      status: 'OPEN',
      supportCount: 0,
      commentCount: 0,
      article: { number: 1, versionNumber: 1 },
      author: { displayName: 'Sophie Garnier' },
    });
    expect(proposeAmendment.diffMarked).toBe(
      "Nous accompagnons chaque personne vers [- l'autonomie -][+ plus d'autonomie +], à son rythme [+ et sans jugement +].",
    );
    expect(proposeAmendment.diff.filter((s: any) => s.kind === 'INSERTED').map((s: any) => s.text)).toEqual([
      "plus d'autonomie",
      'et sans jugement',
    ]);
    const committeeId = (await committee.data(`{ me { id } }`)).me.id;
    expect(await notificationKinds(committeeId)).toContain('charte.amendment_proposed');
  });

  it('lets other members support it once, not its author, not a visitor', async () => {
    const { supportAmendment } = await supporter.client.data(SUPPORT, { input: { amendmentId } });
    expect(supportAmendment).toMatchObject({ supportCount: 1, supportedByMe: true });
    const twice = await supporter.client.error(SUPPORT, { input: { amendmentId } });
    expect(twice.extensions?.code).toBe('CONFLICT');
    expect(twice.message).toBe('Vous soutenez déjà cet amendement.');
    expect((await author.client.error(SUPPORT, { input: { amendmentId } })).extensions?.code).toBe('CONFLICT');
    expect((await app.client().error(SUPPORT, { input: { amendmentId } })).extensions?.code).toBe('UNAUTHENTICATED');

    const other = await member('Nadia Roux', '16');
    await other.client.data(SUPPORT, { input: { amendmentId } });
    const { withdrawAmendmentSupport } = await other.client.data(UNSUPPORT, { input: { amendmentId } });
    expect(withdrawAmendmentSupport).toMatchObject({ supportCount: 1, supportedByMe: false });
    const { charterAmendment } = await app.client().data(AMENDMENT, { id: amendmentId });
    expect(charterAmendment).toMatchObject({ supportCount: 1, supportedByMe: false });
    // An address typed by hand is "not found" (NOT_FOUND, the page's 404), never an error page.
    expect((await app.client().error(AMENDMENT, { id: 'nimporte-quoi' })).extensions?.code).toBe('NOT_FOUND');
    expect((await other.client.error(SUPPORT, { input: { amendmentId: 'nimporte-quoi' } })).extensions?.code).toBe('NOT_FOUND');
  });

  it('records the support of two members clicking at the same time', async () => {
    const a = await member('Clic Un');
    const b = await member('Clic Deux');
    // A's double click: whichever of the two arrives first counts, the other is told it is already done.
    const [aFirst, bOnly, aSecond] = await Promise.all([
      a.client.request(SUPPORT, { input: { amendmentId } }),
      b.client.request(SUPPORT, { input: { amendmentId } }),
      a.client.request(SUPPORT, { input: { amendmentId } }),
    ]);
    expect(bOnly.errors).toBeUndefined();
    const aErrors = [aFirst, aSecond].flatMap((result) => result.errors ?? []);
    expect(aErrors.map((error) => error.message)).toEqual(['Vous soutenez déjà cet amendement.']);
    const { charterAmendment } = await app.client().data(AMENDMENT, { id: amendmentId });
    expect(charterAmendment.supportCount).toBe(3);
    await a.client.data(UNSUPPORT, { input: { amendmentId } });
    await b.client.data(UNSUPPORT, { input: { amendmentId } });
  });

  it('gathers comments, tells the author, and lists them in constant SQL statements', async () => {
    expect((await app.client().error(COMMENT, { input: { amendmentId, body: 'Anonyme ?' } })).extensions?.code).toBe('UNAUTHENTICATED');
    const empty = await supporter.client.error(COMMENT, { input: { amendmentId, body: '   ' } });
    expect(empty.extensions?.fields?.body).toBe('Écrivez votre commentaire.');
    const { commentAmendment } = await supporter.client.data(COMMENT, {
      input: { amendmentId, body: 'Tout à fait : **sans jugement**, surtout.' },
    });
    expect(commentAmendment.bodyHtml).toContain('<strong>sans jugement</strong>');
    expect(await notificationKinds(author.id)).toContain('charte.amendment_comment');
    await establishAccountInDb(app, author.id); // past the first-week posting limit
    for (let i = 0; i < 19; i++) await author.client.data(COMMENT, { input: { amendmentId, body: `Réponse ${i}` } });
    const small = await app.countStatements(() => app.client().data(COMMENTS, { amendmentId, first: 2 }));
    const large = await app.countStatements(() => app.client().data(COMMENTS, { amendmentId, first: 20 }));
    expect(small.result.amendmentComments.totalCount).toBe(20);
    expect(small.result.amendmentComments.edges[0].node.author.displayName).toBe('Bernard Jolivet');
    expect(large.result.amendmentComments.edges).toHaveLength(20);
    expect(large.statements).toBe(small.statements);
    const { charterAmendments } = await app.client().data(AMENDMENTS, { status: 'OPEN' });
    expect(charterAmendments.edges[0].node).toMatchObject({ id: amendmentId, supportCount: 1, commentCount: 20 });
  });

  it('lets only the committee decide', async () => {
    const input = { amendmentId, decision: 'ACCEPTED', reply: 'Le comité retient cette formulation.' };
    expect((await supporter.client.error(DECIDE, { input })).extensions?.code).toBe('FORBIDDEN');
    expect((await author.client.error(DECIDE, { input })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().error(DECIDE, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    const noReply = await committee.error(DECIDE, { input: { ...input, reply: '' } });
    expect(noReply.extensions?.fields?.reply).toMatch(/Expliquez la décision/);
    expect((await app.client().data(AMENDMENT, { id: amendmentId })).charterAmendment.status).toBe('OPEN');
  });

  it('accepts once, tells the author and supporters, and closes the discussion', async () => {
    const input = { amendmentId, decision: 'ACCEPTED', reply: 'Le comité retient cette formulation.' };
    const [first, second] = await Promise.all([committee.request(DECIDE, { input }), committee.request(DECIDE, { input })]);
    const results = [first, second];
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.find((r) => r.errors)?.errors?.[0]).toMatchObject({
      message: 'Le comité a déjà répondu à cet amendement, ou son auteur l’a retiré.',
      extensions: { code: 'CONFLICT' },
    });
    const decided = (results.find((r) => !r.errors)!.data as any).decideAmendment;
    expect(decided).toMatchObject({
      status: 'ACCEPTED',
      decisionReply: 'Le comité retient cette formulation.',
      incorporatedInVersion: null,
    });
    expect(await notificationKinds(author.id)).toContain('charte.amendment_decided');
    expect(await notificationKinds(supporter.id)).toContain('charte.amendment_decided');
    const late = await supporter.client.error(COMMENT, { input: { amendmentId, body: 'Trop tard ?' } });
    expect(late.extensions?.code).toBe('CONFLICT');
    expect((await supporter.client.error(UNSUPPORT, { input: { amendmentId } })).extensions?.code).toBe('CONFLICT');
  });

  it('asks for a merged text when a second accepted amendment changes the same article', async () => {
    const { charter } = await app.client().data(CHARTER);
    await supporter.client.data(SIGN, { input: {} });
    const { proposeAmendment } = await supporter.client.data(PROPOSE, {
      input: {
        articleId: charter.articles[0].id,
        proposedBody: 'Nous accompagnons chaque personne vers le numérique.',
        reason: 'Plus court, plus clair pour tout le monde.',
      },
    });
    const input = { amendmentId: proposeAmendment.id, decision: 'ACCEPTED', reply: 'Retenu en partie.' };
    const conflict = await committee.error(DECIDE, { input });
    expect(conflict.extensions?.code).toBe('CONFLICT');
    expect(conflict.message).toMatch(/écrivez le texte retenu qui réunit les deux/);
    const merged = "Nous accompagnons chaque personne vers plus d'autonomie dans le numérique, à son rythme et sans jugement.";
    const { decideAmendment } = await committee.data(DECIDE, { input: { ...input, adoptedBody: merged } });
    expect(decideAmendment).toMatchObject({ status: 'ACCEPTED', adoptedBody: merged });
    expect(decideAmendment.diffMarked).toContain('[+ dans le numérique +]');
  });

  it('shows the committee the next version as a draft, then publishes it with a word-by-word diff', async () => {
    const { charterDraft } = await committee.data(DRAFT);
    expect(charterDraft.basedOnVersion).toBe(1);
    expect(charterDraft.amendments).toHaveLength(2);
    expect(charterDraft.articles[0].body).toBe(
      "Nous accompagnons chaque personne vers plus d'autonomie dans le numérique, à son rythme et sans jugement.",
    );
    expect(charterDraft.diff.changedCount).toBe(1);
    expect(charterDraft.suggestedChangelog).toMatch(/Article 1 : amendement de Sophie Garnier accepté/);
    expect((await supporter.client.error(DRAFT)).extensions?.code).toBe('FORBIDDEN');

    const { publishCharterVersion } = await committee.data(PUBLISH, { input: { changelog: charterDraft.suggestedChangelog } });
    expect(publishCharterVersion.number).toBe(2);
    const { charter } = await app.client().data(CHARTER);
    expect(charter.number).toBe(2);
    expect(charter.changes.changedCount).toBe(1);
    const [article1, article2] = charter.changes.articles;
    expect(article1).toMatchObject({ number: 1, change: 'CHANGED' });
    expect(article1.body.map((s: any) => s.kind)).toEqual(['SAME', 'DELETED', 'INSERTED', 'SAME', 'INSERTED', 'SAME', 'INSERTED', 'SAME']);
    expect(article1.bodyMarked).toBe(
      "Nous accompagnons chaque personne vers [- l'autonomie -][+ plus d'autonomie +] [+ dans le numérique +], à son rythme [+ et sans jugement +].",
    );
    expect(article2.change).toBe('UNCHANGED');
    // Version 1 stays readable.
    const old = (await app.client().data(CHARTER, { number: 1 })).charter;
    expect(old).toMatchObject({ number: 1, isCurrent: false });
    expect(old.articles[0].body).toBe(V1_ARTICLES[0].body);
    const { charterAmendment } = await app.client().data(AMENDMENT, { id: amendmentId });
    expect(charterAmendment.incorporatedInVersion).toBe(2);

    const nothing = await committee.error(PUBLISH, { input: { changelog: 'Rien.' } });
    expect(nothing.extensions?.fields?.articles).toBe(
      french('Rien n’a changé depuis la version 2 : acceptez un amendement ou modifiez un article.'),
    );
  });

  it('asks signatories of version 1 to sign again, with the changes, and the list shows which version each signed', async () => {
    expect(await notificationKinds(author.id)).toContain('charte.new_version');
    const { myCharterStatus } = await author.client.data(STATUS);
    expect(myCharterStatus).toMatchObject({
      currentVersion: 2,
      signedVersion: 1,
      signedCurrent: false,
      newVersionAwaitsSignature: true,
      canAmend: false,
    });
    expect(myCharterStatus.changesSinceSigned).toMatchObject({ fromNumber: 1, toNumber: 2, changedCount: 1 });
    expect(myCharterStatus.changesSinceSigned.articles[0].bodyMarked).toContain('[+ dans le numérique +]');

    const before = (await app.client().data(SIGNATORIES, { search: 'Sophie' })).charterSignatories.edges[0].node;
    expect(before).toMatchObject({ versionNumber: 1, signedCurrentVersion: false });
    const { signCharter } = await author.client.data(SIGN, { input: {} });
    expect(signCharter).toMatchObject({ versionNumber: 2, signedCurrentVersion: true });
    const after = (await app.client().data(SIGNATORIES, { search: 'Sophie' })).charterSignatories;
    expect(after.totalCount).toBe(1);
    expect(after.edges[0].node).toMatchObject({ versionNumber: 2, signedCurrentVersion: true });
    const onlyV1 = (await app.client().data(SIGNATORIES, { versionNumber: 1 })).charterSignatories.edges.map((e: any) => e.node.name);
    expect(onlyV1).toContain('Camille Le Goff');
    expect(onlyV1).not.toContain('Sophie Garnier');
    expect((await author.client.data(STATUS)).myCharterStatus).toMatchObject({
      signedVersion: 2,
      signedCurrent: true,
      newVersionAwaitsSignature: false,
      changesSinceSigned: null,
      canAmend: true,
    });
  });

  it('refuses an amendment to an article of an older version', async () => {
    const old = (await app.client().data(CHARTER, { number: 1 })).charter;
    const error = await author.client.error(PROPOSE, {
      input: { articleId: old.articles[2].id, proposedBody: 'Nous coopérons.', reason: 'Pour faire plus simple encore.' },
    });
    expect(error.extensions?.fields?.articleId).toBe(french('Cet article est celui de la version 1 : amendez la version en vigueur (2).'));
  });

  it('keeps the version history and amendment lists in constant SQL statements', async () => {
    const versions = await app
      .client()
      .data(`{ charterVersions { totalCount edges { node { number isCurrent signatureCount amendmentCount changelog } } } }`);
    expect(versions.charterVersions.edges.map((e: any) => e.node)).toMatchObject([
      { number: 2, isCurrent: true, amendmentCount: 2 },
      { number: 1, isCurrent: false, amendmentCount: 0 },
    ]);
    const { charter } = await app.client().data(CHARTER);
    await establishAccountInDb(app, author.id); // past the first-week posting limit
    for (let i = 0; i < 20; i++) {
      await author.client.data(PROPOSE, {
        input: {
          articleId: charter.articles[2].id,
          proposedBody: `Nous coopérons, variante ${i}.`,
          reason: 'Une variante pour la discussion.',
        },
      });
    }
    const small = await app.countStatements(() => supporter.client.data(AMENDMENTS, { first: 2 }));
    const large = await app.countStatements(() => supporter.client.data(AMENDMENTS, { first: 20 }));
    expect(large.result.charterAmendments.edges).toHaveLength(20);
    expect(large.statements).toBe(small.statements);
  });
});

describe('withdrawing an amendment', () => {
  it('is for its author only, while it is open', async () => {
    const writer = await member('Autrice Hésitante');
    await writer.client.data(SIGN, { input: {} });
    const { charter } = await app.client().data(CHARTER);
    const { proposeAmendment } = await writer.client.data(PROPOSE, {
      input: {
        articleId: charter.articles[1].id,
        proposedBody: 'Une autre rédaction de cet article.',
        reason: 'Je voulais essayer une formulation.',
      },
    });
    const WITHDRAW = `mutation ($input: AmendmentRefInput!) { withdrawAmendment(input: $input) { id status } }`;
    const other = await member('Quelqu’un');
    const refused = await other.client.error(WITHDRAW, { input: { amendmentId: proposeAmendment.id } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('Seul l’auteur peut retirer son amendement.');
    expect((await committee.error(WITHDRAW, { input: { amendmentId: proposeAmendment.id } })).extensions?.code).toBe('FORBIDDEN');
    const { withdrawAmendment } = await writer.client.data(WITHDRAW, { input: { amendmentId: proposeAmendment.id } });
    expect(withdrawAmendment.status).toBe('WITHDRAWN');
    expect((await writer.client.error(WITHDRAW, { input: { amendmentId: proposeAmendment.id } })).extensions?.code).toBe('CONFLICT');
    const late = await committee.error(DECIDE, { input: { amendmentId: proposeAmendment.id, decision: 'ACCEPTED', reply: 'Trop tard.' } });
    expect(late.extensions?.code).toBe('CONFLICT');
  });
});

describe('hidden by moderation', () => {
  it('leaves public lists but stays visible to its author and moderators', async () => {
    const writer = await member('Auteur Masqué');
    await writer.client.data(SIGN, { input: {} });
    const { charter } = await app.client().data(CHARTER);
    const { proposeAmendment } = await writer.client.data(PROPOSE, {
      input: { articleId: charter.articles[1].id, proposedBody: 'Texte inacceptable.', reason: 'Une raison quelconque ici.' },
    });
    await app.orm.em
      .getConnection()
      .execute(`update charter_amendment set hidden_at = now(), hidden_reason = 'Propos injurieux' where id = ?`, [proposeAmendment.id]);
    expect((await app.client().data(AMENDMENT, { id: proposeAmendment.id })).charterAmendment).toBeNull();
    const publicIds = (await app.client().data(AMENDMENTS, { first: 100 })).charterAmendments.edges.map((e: any) => e.node.id);
    expect(publicIds).not.toContain(proposeAmendment.id);
    const own = await writer.client.data(`query ($id: ID!) { charterAmendment(id: $id) { id hiddenAt hiddenReason } }`, {
      id: proposeAmendment.id,
    });
    expect(own.charterAmendment).toMatchObject({ id: proposeAmendment.id, hiddenReason: 'Propos injurieux' });
    const moderator = await member('Modération');
    await grantRoleInDb(app, moderator.id, 'moderator');
    expect((await moderator.client.data(AMENDMENT, { id: proposeAmendment.id })).charterAmendment.id).toBe(proposeAmendment.id);
    const other = await member('Curieux');
    expect((await other.client.error(SUPPORT, { input: { amendmentId: proposeAmendment.id } })).extensions?.code).toBe('NOT_FOUND');
  });

  it('hides a comment from everyone but its author and moderators, and from the count', async () => {
    const { charterAmendments } = await app.client().data(AMENDMENTS, { status: 'OPEN', first: 1 });
    const target = charterAmendments.edges[0].node;
    const writer = await member('Commentateur Masqué');
    const { commentAmendment } = await writer.client.data(COMMENT, { input: { amendmentId: target.id, body: 'Un commentaire déplacé.' } });
    await app.orm.em.getConnection().execute(`update charter_amendment_comment set hidden_at = now() where id = ?`, [commentAmendment.id]);
    const ids = async (client: GraphQLClient) =>
      (await client.data(COMMENTS, { amendmentId: target.id, first: 100 })).amendmentComments.edges.map((e: any) => e.node.id);
    expect(await ids(app.client())).not.toContain(commentAmendment.id);
    expect(await ids(writer.client)).toContain(commentAmendment.id);
    expect((await app.client().data(AMENDMENT, { id: target.id })).charterAmendment.commentCount).toBe(target.commentCount);
  });
});

describe('signature required to publish (platform setting)', () => {
  it('is changed by platform admins only', async () => {
    const { client } = await member('Pas Admin');
    expect((await client.error(SETTINGS, { input: { signatureRequiredToPublish: true } })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().data(`{ charterSettings { signatureRequiredToPublish } }`)).charterSettings.signatureRequiredToPublish).toBe(
      false,
    );
  });

  it('refuses to publish with a link to the charter until the current version is signed', async () => {
    const person = await member('Future Organisatrice', '44');
    const entity = await userEntity(person.id);
    // Off: everyone publishes.
    await expect(assertCharterSignedIfRequired(app.orm.em.fork(), entity)).resolves.toBeUndefined();

    const { updateCharterSettings } = await committee.data(SETTINGS, { input: { signatureRequiredToPublish: true } });
    expect(updateCharterSettings.signatureRequiredToPublish).toBe(true);
    const refusal = await assertCharterSignedIfRequired(app.orm.em.fork(), entity).catch((error) => error);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN', extra: { link: '/charte' } });
    expect(refusal.text.fr).toMatch(/signez d’abord la version en vigueur de la charte/);
    expect((await person.client.data(STATUS)).myCharterStatus.canPublish).toBe(false);

    await person.client.data(SIGN, { input: {} });
    await expect(assertCharterSignedIfRequired(app.orm.em.fork(), entity)).resolves.toBeUndefined();
    expect((await person.client.data(STATUS)).myCharterStatus.canPublish).toBe(true);

    // A signature of an older version is not enough.
    const camille = (await app.orm.em.getConnection().execute(`select id from app_user where display_name = 'Camille Le Goff'`))[0];
    await expect(assertCharterSignedIfRequired(app.orm.em.fork(), await userEntity(camille.id))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    await committee.data(SETTINGS, { input: { signatureRequiredToPublish: false } });
    await expect(assertCharterSignedIfRequired(app.orm.em.fork(), await userEntity(camille.id))).resolves.toBeUndefined();
  });
});

describe('two committee members publishing at the same moment', () => {
  it('publish one version; the other is told to reload', async () => {
    const { charter } = await app.client().data(CHARTER);
    const articles = charter.articles.map((a: any) => ({ number: a.number, title: a.title, body: a.body }));
    const input = (title: string) => ({
      changelog: `Titre de l'article 3 : ${title}.`,
      articles: articles.map((a: any) => (a.number === 3 ? { ...a, title } : a)),
    });
    const results = await Promise.all([
      committee.request(PUBLISH, { input: input('Coopérer ensemble') }),
      committee.request(PUBLISH, { input: input('Coopérer sur le territoire') }),
    ]);
    expect(results.filter((r) => !r.errors).map((r: any) => r.data.publishCharterVersion.number)).toEqual([charter.number + 1]);
    expect(results.find((r) => r.errors)?.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect((await app.client().data(CHARTER)).charter.number).toBe(charter.number + 1);
  });
});

describe('keyset pages (docs/read-models.md)', () => {
  const run = (text: string, params: unknown[] = []): Promise<any[]> => app.orm.em.fork().getConnection().execute(text, params);

  /** Every node of a list, asked `first` at a time until there is no next page; the total stays the same on every page. */
  async function walk(client: GraphQLClient, query: string, field: string, variables: Record<string, unknown> = {}, first = 2) {
    const nodes: any[] = [];
    let after: string | null = null;
    let total: number | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: any = (await client.data(query, { ...variables, first, after }))[field];
      total ??= page.totalCount;
      expect(page.totalCount).toBe(total);
      nodes.push(...page.edges.map((edge: any) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(nodes).toHaveLength(total!);
    return nodes;
  }

  it('walks the version history, newest first', async () => {
    const VERSIONS = `query ($first: Int, $after: String) { charterVersions(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { number isCurrent } } } }`;
    const numbers = (await run(`select number from charter_version order by number desc`)).map((row: { number: number }) => row.number);
    expect(numbers.length).toBeGreaterThan(1);
    const walked = await walk(app.client(), VERSIONS, 'charterVersions', {}, 1);
    expect(walked.map((node) => node.number)).toEqual(numbers);
    expect(walked.map((node) => node.isCurrent)).toEqual(numbers.map((_: number, i: number) => i === 0));
  });

  it('walks the amendments, open ones first then the newest, amendments of the same instant included', async () => {
    const { charter } = await app.client().data(CHARTER);
    const [author] = await run(`select author_id from charter_amendment limit 1`);
    // One statement: five amendments share now(), two of them already decided.
    await run(
      `insert into charter_amendment (id, article_id, author_id, proposed_body, reason, status)
       select gen_random_uuid(), ?, ?, 'Variante paginée ' || i, 'Pour parcourir la liste.',
              (case when i <= 2 then 'rejected' else 'open' end)::charter_amendment_status
         from generate_series(1, 5) i`,
      [charter.articles[0].id, author.author_id],
    );
    const expected = (
      await run(`select id from charter_amendment where hidden_at is null order by (status = 'open') desc, created_at desc, id`)
    ).map((row: { id: string }) => row.id);
    const AMENDMENT_PAGE = `query ($first: Int, $after: String) { charterAmendments(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } }`;
    const walked = await walk(app.client(), AMENDMENT_PAGE, 'charterAmendments');
    expect(walked.map((node) => node.id)).toEqual(expected);
    const statuses = walked.map((node) => node.status);
    expect(statuses.lastIndexOf('open')).toBeLessThan(statuses.findIndex((status: string) => status !== 'open'));
  });

  it('walks the comments of an amendment, oldest first, comments of the same instant included', async () => {
    const [amendment] = await run(`select id, author_id from charter_amendment where hidden_at is null order by created_at limit 1`);
    await run(
      `insert into charter_amendment_comment (id, amendment_id, author_id, body, created_at)
       select gen_random_uuid(), ?, ?, 'Commentaire paginé ' || i, case when i <= 2 then now() - interval '1 day' * i else now() end
         from generate_series(1, 5) i`,
      [amendment.id, amendment.author_id],
    );
    const expected = (
      await run(`select id from charter_amendment_comment where amendment_id = ? and hidden_at is null order by created_at, id`, [
        amendment.id,
      ])
    ).map((row: { id: string }) => row.id);
    const COMMENT_PAGE = `query ($amendmentId: ID!, $first: Int, $after: String) { amendmentComments(amendmentId: $amendmentId, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const walked = await walk(app.client(), COMMENT_PAGE, 'amendmentComments', { amendmentId: amendment.id });
    expect(walked.map((node) => node.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(5);
  });

  it('walks the signatories, newest signatures first, signatures of the same instant included', async () => {
    const em = app.orm.em.fork();
    const users = [1, 2, 3, 4, 5].map((i) => em.create(User, { email: `cle-paginee-${i}@exemple.fr`, displayName: `Clé Paginée ${i}` }));
    await em.flush();
    // One statement: four signatures share now(), the fifth is a day older.
    const signatures = await run(
      `insert into charter_signature (id, version_id, signer_id, signed_at)
       select gen_random_uuid(), (select id from charter_version order by number desc limit 1), u.id,
              case when u.n = 5 then now() - interval '1 day' else now() end
         from unnest(?::uuid[]) with ordinality as u(id, n) returning id, signer_id`,
      [`{${users.map((user) => user.id).join(',')}}`],
    );
    const signatureOf = (user: User) => signatures.find((row: { signer_id: string }) => row.signer_id === user.id).id;
    const PAGE = `query ($search: String, $first: Int, $after: String) { charterSignatories(search: $search, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }`;
    const walked = await walk(app.client(), PAGE, 'charterSignatories', { search: 'Clé Paginée' });
    expect(walked.map((node) => node.id)).toEqual([...users.slice(0, 4).map(signatureOf).sort(), signatureOf(users[4])]);
  });
});
