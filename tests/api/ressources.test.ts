import { pdf } from '../helpers/documents.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRONG_PASSWORD, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

/**
 * Ressources (server/src/modules/ressources, docs/ressources.md): publishing and versions, who sees what
 * (PUBLIC, MEMBRES, ORGANISATION) and their files, search inside attached PDFs, feedback, bases,
 * collections and their shared link, citations from Entraide, open data, and one statement per list.
 */

const FIELDS = `id slug title summary contentMarkdown contentHtml kind licence licenceLabel licenceMeaning visibility themes publics levels
  tags { slug label } base { id slug name } authors { id displayName } files { id name contentType size url }
  links { url title } versions { number note author { displayName } } feedbackCount averageRating versionCount viewerCanEdit
  myFeedback { rating comment } citedBy { id title url } savedInMyCollections`;
const CREATE = `mutation ($input: ResourceInput!) { createResource(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: ResourceInput!, $note: String!) { updateResource(id: $id, input: $input, versionNote: $note) { ${FIELDS} } }`;
const ONE = `query ($slug: String!) { resource(slug: $slug) { ${FIELDS} } }`;
const LIST = `query ($search: String, $theme: String, $level: Int, $kind: ResourceKind, $licence: ResourceLicence, $baseSlug: String, $first: Int, $after: String) {
  resources(search: $search, theme: $theme, level: $level, kind: $kind, licence: $licence, baseSlug: $baseSlug, first: $first, after: $after) {
    totalCount totalCountCapped pageInfo { hasNextPage endCursor }
    edges { node { id slug title summary kind licence themes levels feedbackCount averageRating savedInMyCollections
      tags { slug label } authors { id displayName } base { slug name } } } } }`;
const FEEDBACK = `mutation ($id: ID!, $rating: Int!, $comment: String) { addResourceFeedback(resourceId: $id, rating: $rating, comment: $comment) {
  feedback { rating comment author { displayName } } resource { feedbackCount averageRating } } }`;

let app: TestApp;
let author: GraphQLClient;
let authorId: string;
let reader: GraphQLClient;
let outsider: GraphQLClient;
let orgAdmin: GraphQLClient;
let organizationId: string;
let outsiderOrganizationId: string;

async function member(name: string): Promise<{ client: GraphQLClient; id: string }> {
  await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'register:%'`);
  const client = app.client();
  const user = await signUp(client, name);
  await app.orm.em.getConnection().execute(`update app_user set created_at = now() - interval '30 days' where id = ?`, [user.id]);
  return { client, id: user.id };
}

beforeAll(async () => {
  app = await startTestApp();
  ({ client: author, id: authorId } = await member('Alix Autrice'));
  ({ client: reader } = await member('Rémi Lecteur'));
  ({ client: outsider } = await member('Olga Ailleurs'));
  ({ client: orgAdmin } = await member('Dora D-Codeuse'));
  const { createOrganization } = await orgAdmin.data(`mutation { createOrganization(input: { name: "Les D-Codeurs" }) { id } }`);
  organizationId = createOrganization.id;
  // The author is an editor of the organization; the outsider has an organization of their own.
  await orgAdmin.data(`mutation ($input: MemberInput!) { addMember(input: $input) { role } }`, {
    input: { organizationId, userId: authorId, role: 'EDITOR' },
  });
  const outsiders = await outsider.data(`mutation { createOrganization(input: { name: "Ailleurs numérique" }) { id } }`);
  outsiderOrganizationId = outsiders.createOrganization.id;
});
afterAll(async () => {
  await app?.close();
});

async function upload(client: GraphQLClient, bytes: Buffer, name: string): Promise<{ id: string; url: string }> {
  const form = new FormData();
  form.set('purpose', 'attachment');
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  const cookie = [...client.cookies].map(([key, value]) => `${key}=${value}`).join('; ');
  const response = await fetch(`${app.url}/api/fichiers`, {
    method: 'POST',
    body: form,
    headers: { accept: 'application/json', origin: app.url, cookie },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; url: string };
}

const download = (client: GraphQLClient | null, url: string) =>
  fetch(`${app.url}${url}`, { headers: client ? { cookie: [...client.cookies].map(([key, value]) => `${key}=${value}`).join('; ') } : {} });

function input(extra: Record<string, unknown> = {}) {
  return {
    title: 'Créer son adresse e-mail',
    summary: 'Une fiche pas à pas pour créer une adresse e-mail avec une personne débutante.',
    contentMarkdown: '## Avant de commencer\n\nVérifiez que la personne a un téléphone.',
    kind: 'FICHE_PRATIQUE',
    licence: 'CC_BY_SA',
    visibility: 'PUBLIC',
    themes: ['Maîtrise des outils numériques du quotidien'],
    publics: ['Seniors'],
    levels: [1, 2],
    tags: ['messagerie'],
    links: [{ url: 'https://www.example.org/aide', title: 'Aide en ligne' }],
    ...extra,
  };
}

describe('publishing a resource', () => {
  it('publishes version 1, renders its content, gives the licence in words, and refuses visitors', async () => {
    const anonymous = await app.client().error(CREATE, { input: input() });
    expect(anonymous.extensions?.code).toBe('UNAUTHENTICATED');
    const { createResource: resource } = await author.data(CREATE, { input: input() });
    expect(resource.slug).toBe('creer-son-adresse-e-mail');
    expect(resource.contentHtml).toContain('<h2>Avant de commencer</h2>');
    expect(resource.licenceLabel).toContain('CC BY-SA');
    expect(resource.licenceMeaning).toContain('même licence');
    expect(resource.versions).toEqual([{ number: 1, note: 'Première publication', author: { displayName: 'Alix Autrice' } }]);
    expect(resource.authors.map((a: { id: string }) => a.id)).toEqual([authorId]);
    expect(resource.tags.map((tag: { slug: string }) => tag.slug)).toEqual(['messagerie']);
    expect(resource.viewerCanEdit).toBe(true);
    expect(resource.averageRating).toBeNull();
  });

  it('checks lengths and vocabularies with French messages', async () => {
    const long = await author.error(CREATE, { input: input({ title: 'x'.repeat(201) }) });
    expect(long.extensions?.code).toBe('BAD_USER_INPUT');
    const theme = await author.error(CREATE, { input: input({ themes: ['Jardinage'] }) });
    expect(theme.extensions?.fields?.themes).toContain('Jardinage');
    const level = await author.error(CREATE, { input: input({ levels: [6] }) });
    expect(level.extensions?.fields?.levels).toBe('Les niveaux vont de 1 à 5.');
    const links = await author.error(CREATE, { input: input({ links: [{ url: 'javascript:alert(1)' }] }) });
    expect(links.extensions?.fields?.links).toContain('n’est pas une adresse web');
    const tooMany = await author.error(CREATE, {
      input: input({ links: Array.from({ length: 21 }, (_, i) => ({ url: `https://exemple.fr/${i}` })) }),
    });
    expect(tooMany.extensions?.fields?.links).toBe('20 liens au plus.');
  });

  it('keeps an image only when it is an uploaded file', async () => {
    const { createResource } = await author.data(CREATE, {
      input: input({
        title: 'Images dans une fiche',
        contentMarkdown:
          '![schéma](/fichiers/0f8fad5b-d9cb-469f-a165-70867728950e/schema.png)\n\n![pisteur](https://pisteur.example/p.gif)',
      }),
    });
    expect(createResource.contentHtml).toContain('<img src="/fichiers/0f8fad5b-d9cb-469f-a165-70867728950e/schema.png" alt="schéma"');
    expect(createResource.contentHtml).not.toContain('pisteur.example');
  });

  it('updates with a version note; only its authors may, and the note is required', async () => {
    const { createResource } = await author.data(CREATE, { input: input({ title: 'Fiche à mettre à jour' }) });
    const stranger = await reader.error(UPDATE, { id: createResource.id, input: input({ title: 'Volée' }), note: 'Je change tout' });
    expect(stranger.extensions?.code).toBe('FORBIDDEN');
    const noNote = await author.error(UPDATE, { id: createResource.id, input: input({ title: 'Fiche mise à jour' }), note: ' ' });
    expect(noNote.extensions?.fields?.versionNote).toContain('ce qui a changé');
    const { updateResource } = await author.data(UPDATE, {
      id: createResource.id,
      input: input({ title: 'Fiche mise à jour', summary: 'Nouveau résumé.' }),
      note: 'Ajout de la partie sur les mots de passe',
    });
    expect(updateResource.title).toBe('Fiche mise à jour');
    expect(updateResource.slug).toBe(createResource.slug);
    expect(updateResource.versionCount).toBe(2);
    expect(updateResource.versions.map((v: { number: number; note: string }) => [v.number, v.note])).toEqual([
      [2, 'Ajout de la partie sur les mots de passe'],
      [1, 'Première publication'],
    ]);
  });
});

describe('who sees a resource and its files', () => {
  let base: { id: string; slug: string };
  beforeAll(async () => {
    const { createResourceBase } = await orgAdmin.data(
      `mutation ($input: CreateResourceBaseInput!) { createResourceBase(input: $input) { id slug name viewerCanManage organization { id } } }`,
      { input: { organizationId } },
    );
    expect(createResourceBase.viewerCanManage).toBe(true);
    // Named after the organization, as French writes it: "Les D-Codeurs" gives "des D-Codeurs".
    expect(createResourceBase.name).toBe('Ressources des D-Codeurs');
    base = createResourceBase;
  });

  it('names a new base "Ressources d’…" before a vowel', async () => {
    const { createResourceBase } = await outsider.data(
      `mutation ($input: CreateResourceBaseInput!) { createResourceBase(input: $input) { name } }`,
      { input: { organizationId: outsiderOrganizationId } },
    );
    expect(createResourceBase.name).toBe('Ressources d’Ailleurs numérique');
  });

  it('refuses to open or edit a base to those who do not manage the organization', async () => {
    const create = await reader.error(`mutation ($input: CreateResourceBaseInput!) { createResourceBase(input: $input) { id } }`, {
      input: { organizationId },
    });
    expect(create.extensions?.code).toBe('FORBIDDEN');
    // An editor publishes in the base but does not manage it.
    const edit = await author.error(`mutation ($input: UpdateResourceBaseInput!) { updateResourceBase(input: $input) { id } }`, {
      input: { id: base.id, name: 'Ma base à moi' },
    });
    expect(edit.extensions?.code).toBe('FORBIDDEN');
    expect(edit.message).toContain('administrateurs');
    const publish = await reader.error(CREATE, { input: input({ title: 'Dans une base qui n’est pas la mienne', baseId: base.id }) });
    expect(publish.extensions?.code).toBe('FORBIDDEN');
    const { updateResourceBase } = await orgAdmin.data(
      `mutation ($input: UpdateResourceBaseInput!) { updateResourceBase(input: $input) { name } }`,
      { input: { id: base.id, name: 'Ressources des D-Codeurs' } },
    );
    expect(updateResourceBase.name).toBe('Ressources des D-Codeurs');
  });

  it('shows PUBLIC to all, MEMBRES to members only, ORGANISATION to its members only — files included', async () => {
    const publicPdf = await upload(author, await pdf('Fiche publique'), 'publique.pdf');
    const membersPdf = await upload(author, await pdf('Fiche des membres'), 'membres.pdf');
    const orgPdf = await upload(author, await pdf('Fiche interne'), 'interne.pdf');
    const make = async (title: string, visibility: string, fileId: string) =>
      (await author.data(CREATE, { input: input({ title, visibility, baseId: base.id, fileIds: [fileId] }) })).createResource;
    const open = await make('Ressource ouverte à tous', 'PUBLIC', publicPdf.id);
    const members = await make('Ressource pour les membres', 'MEMBRES', membersPdf.id);
    const internal = await make('Ressource interne des D-Codeurs', 'ORGANISATION', orgPdf.id);
    expect(internal.files).toEqual([expect.objectContaining({ id: orgPdf.id, name: 'interne.pdf', contentType: 'application/pdf' })]);

    const visitor = app.client();
    const sees = async (client: GraphQLClient, slug: string) => (await client.data(ONE, { slug })).resource !== null;
    expect(await sees(visitor, open.slug)).toBe(true);
    expect(await sees(visitor, members.slug)).toBe(false);
    expect(await sees(visitor, internal.slug)).toBe(false);
    expect(await sees(reader, members.slug)).toBe(true);
    expect(await sees(reader, internal.slug)).toBe(false);
    expect(await sees(outsider, internal.slug)).toBe(false);
    expect(await sees(orgAdmin, internal.slug)).toBe(true);

    // Lists say the same.
    const listed = async (client: GraphQLClient) =>
      (await client.data(LIST, { baseSlug: base.slug })).resources.edges.map((edge: { node: { slug: string } }) => edge.node.slug);
    expect(await listed(visitor)).toEqual([open.slug]);
    expect((await listed(reader)).sort()).toEqual([open.slug, members.slug].sort());
    expect((await listed(orgAdmin)).sort()).toEqual([open.slug, members.slug, internal.slug].sort());

    // Files: a visitor downloads the public one only.
    expect((await download(null, publicPdf.url)).status).toBe(200);
    expect([401, 403, 404]).toContain((await download(null, membersPdf.url)).status);
    expect([401, 403, 404]).toContain((await download(null, orgPdf.url)).status);
    expect((await download(reader, membersPdf.url)).status).toBe(200);
    // An organization's file: its members download it; a member of another organization reads that it does not exist.
    expect((await download(orgAdmin, orgPdf.url)).status).toBe(200);
    expect((await download(outsider, orgPdf.url)).status).toBe(404);
    expect((await download(reader, orgPdf.url)).status).toBe(404);

    // Reporting: only someone who may see it.
    const report = `mutation ($input: ReportContentInput!) { reportContent(input: $input) { contentId } }`;
    const refused = await outsider.request(report, {
      input: { contentType: 'ressources.resource', contentId: internal.id, reason: 'SPAM' },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses files that are not the author’s own uploads', async () => {
    const othersPdf = await upload(reader, await pdf('Le fichier de quelqu’un d’autre'), 'autre.pdf');
    const refused = await author.error(CREATE, { input: input({ title: 'Avec le fichier d’un autre', fileIds: [othersPdf.id] }) });
    expect(refused.extensions?.fields?.fileIds).toBeTruthy();
  });
});

describe('search', () => {
  it('finds a word that appears only inside an attached PDF, accents ignored', async () => {
    const file = await upload(author, await pdf('Le protocole Zéphyrine sert à vérifier la boîte de réception.'), 'protocole.pdf');
    const { createResource } = await author.data(CREATE, { input: input({ title: 'Vérifier sa boîte', fileIds: [file.id] }) });
    const found = await app.client().data(LIST, { search: 'zephyrine' });
    expect(found.resources.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([createResource.id]);
    expect(found.resources.totalCount).toBe(1);
    const none = await app.client().data(LIST, { search: 'introuvablissime' });
    expect(none.resources.totalCount).toBe(0);
  });

  it('filters by theme, level, kind and licence', async () => {
    await author.data(CREATE, {
      input: input({
        title: 'Parcours débutants',
        kind: 'PARCOURS',
        levels: [1],
        licence: 'LICENCE_OUVERTE',
        themes: ['Aide aux démarches administratives'],
      }),
    });
    const byKind = await app.client().data(LIST, { kind: 'PARCOURS' });
    expect(byKind.resources.edges.map((edge: { node: { title: string } }) => edge.node.title)).toEqual(['Parcours débutants']);
    const byTheme = await app.client().data(LIST, { theme: 'Aide aux démarches administratives', level: 1, licence: 'LICENCE_OUVERTE' });
    expect(byTheme.resources.totalCount).toBe(1);
    const byLevel = await app.client().data(LIST, { level: 5 });
    expect(byLevel.resources.totalCount).toBe(0);
  });
});

describe('feedback', () => {
  it('keeps one feedback per member (updated), and the count and average exact', async () => {
    const { createResource } = await author.data(CREATE, { input: input({ title: 'Fiche à noter' }) });
    const anonymous = await app.client().error(FEEDBACK, { id: createResource.id, rating: 5 });
    expect(anonymous.extensions?.code).toBe('UNAUTHENTICATED');
    const first = await reader.data(FEEDBACK, { id: createResource.id, rating: 2, comment: 'Utile mais long.' });
    expect(first.addResourceFeedback.resource).toEqual({ feedbackCount: 1, averageRating: 2 });
    const again = await reader.data(FEEDBACK, { id: createResource.id, rating: 4, comment: 'Finalement très utile.' });
    expect(again.addResourceFeedback.resource).toEqual({ feedbackCount: 1, averageRating: 4 });
    const other = await outsider.data(FEEDBACK, { id: createResource.id, rating: 5 });
    expect(other.addResourceFeedback.resource).toEqual({ feedbackCount: 2, averageRating: 4.5 });
    const bad = await reader.error(FEEDBACK, { id: createResource.id, rating: 6 });
    expect(bad.extensions?.fields?.rating).toBe('Donnez une note de 1 à 5.');
    const long = await reader.error(FEEDBACK, { id: createResource.id, rating: 3, comment: 'x'.repeat(1001) });
    expect(long.extensions?.code).toBe('BAD_USER_INPUT');
    const { resource } = await reader.data(ONE, { slug: createResource.slug });
    expect(resource.myFeedback).toEqual({ rating: 4, comment: 'Finalement très utile.' });
    const list = await app
      .client()
      .data(
        `query ($id: ID!) { resourceFeedback(resourceId: $id) { totalCount edges { node { rating comment author { displayName } } } } }`,
        { id: createResource.id },
      );
    expect(list.resourceFeedback.totalCount).toBe(2);
  });
});

describe('collections', () => {
  it('keeps a private collection to its owner and whoever has the shared link', async () => {
    const { createResource } = await author.data(CREATE, { input: input({ title: 'À garder de côté' }) });
    const save = `mutation ($r: ID!, $title: String) { saveResourceToCollection(resourceId: $r, newCollectionTitle: $title) { id slug visibility sharedUrl resourceCount } }`;
    expect((await app.client().error(save, { r: createResource.id, title: 'Mes fiches' })).extensions?.code).toBe('UNAUTHENTICATED');
    const { saveResourceToCollection: collection } = await reader.data(save, { r: createResource.id, title: 'Mes fiches' });
    expect(collection.visibility).toBe('PRIVATE');
    expect(collection.resourceCount).toBe(1);
    const token = new URL(collection.sharedUrl, app.url).searchParams.get('cle');
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const read = `query ($slug: String!, $token: String) { resourceCollection(slug: $slug, token: $token) { title sharedUrl resources { edges { node { slug } } } } }`;
    expect((await outsider.data(read, { slug: collection.slug })).resourceCollection).toBeNull();
    expect((await outsider.data(read, { slug: collection.slug, token: 'pas-la-bonne-cle' })).resourceCollection).toBeNull();
    const shared = (await outsider.data(read, { slug: collection.slug, token })).resourceCollection;
    expect(shared.resources.edges).toEqual([{ node: { slug: createResource.slug } }]);
    expect(shared.sharedUrl).toBeNull();
    expect((await reader.data(ONE, { slug: createResource.slug })).resource.savedInMyCollections).toBe(true);

    // Someone else cannot change it; a new link makes the old one stop working.
    const update = `mutation ($id: ID!, $fresh: Boolean) { updateResourceCollection(id: $id, newShareLink: $fresh) { sharedUrl } }`;
    expect((await outsider.error(update, { id: collection.id, fresh: true })).extensions?.code).toBe('FORBIDDEN');
    await reader.data(update, { id: collection.id, fresh: true });
    expect((await outsider.data(read, { slug: collection.slug, token })).resourceCollection).toBeNull();

    const mine = await reader.data(`{ myResourceCollections { title resourceCount } }`);
    expect(mine.myResourceCollections).toEqual([{ title: 'Mes fiches', resourceCount: 1 }]);
  });
});

describe('citations from Entraide', () => {
  it('shows the questions whose text links to the resource', async () => {
    const { createResource } = await author.data(CREATE, { input: input({ title: 'Fiche citée' }) });
    const { askQuestion } = await reader.data(`mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, {
      input: {
        title: 'Comment aider à créer une adresse e-mail ?',
        body: `J'ai trouvé /ressources/${createResource.slug} mais je bloque sur la vérification.`,
        tags: ['messagerie'],
      },
    });
    const { resource } = await app.client().data(ONE, { slug: createResource.slug });
    expect(resource.citedBy).toEqual([
      { id: askQuestion.id, title: 'Comment aider à créer une adresse e-mail ?', url: `/entraide/questions/${askQuestion.id}` },
    ]);
  });
});

describe('open data', () => {
  it('lists public resources under an open licence, as JSON and CSV', async () => {
    await author.data(CREATE, { input: input({ title: 'Fiche sous licence ouverte', licence: 'LICENCE_OUVERTE' }) });
    await author.data(CREATE, { input: input({ title: 'Fiche tous droits réservés', licence: 'TOUS_DROITS_RESERVES' }) });
    await author.data(CREATE, { input: input({ title: 'Fiche ouverte mais pour membres', licence: 'CC_BY', visibility: 'MEMBRES' }) });
    const json = (await (await fetch(`${app.url}/api/ressources.json`)).json()) as Array<{ titre: string }>;
    const titles = json.map((row) => row.titre);
    expect(titles).toContain('Fiche sous licence ouverte');
    expect(titles).not.toContain('Fiche tous droits réservés');
    expect(titles).not.toContain('Fiche ouverte mais pour membres');
    const csv = await (await fetch(`${app.url}/api/ressources.csv`)).text();
    expect(csv.split('\n')[0]).toContain('"titre"');
    expect(csv).toContain('Fiche sous licence ouverte');
  });
});

describe('the home page and account deletion', () => {
  it('shows only public resources in "Nouvelles ressources"', async () => {
    await author.data(CREATE, { input: input({ title: 'Nouveauté publique pour l’accueil' }) });
    await author.data(CREATE, { input: input({ title: 'Nouveauté réservée aux membres', visibility: 'MEMBRES' }) });
    const { home } = await app.client().data(`{ home(perSection: 20) { sections { kind items { title link } } } }`);
    const feed = home.sections.find((section: { kind: string }) => section.kind === 'ressources.nouvelle');
    const titles = feed.items.map((item: { title: string }) => item.title);
    expect(titles).toContain('Nouveauté publique pour l’accueil');
    expect(titles).not.toContain('Nouveauté réservée aux membres');
  });

  it('keeps resources under "Compte supprimé", erases private collections and feedback comments', async () => {
    const leaving = await member('Lou Départ');
    const { createResource } = await leaving.client.data(CREATE, { input: input({ title: 'Fiche d’une personne qui part' }) });
    await leaving.client.data(FEEDBACK, { id: createResource.id, rating: 3, comment: 'Mon commentaire personnel.' });
    await leaving.client.data(
      `mutation ($r: ID!) { saveResourceToCollection(resourceId: $r, newCollectionTitle: "Ma collection privée") { id } }`,
      {
        r: createResource.id,
      },
    );
    const { deleteMyAccount } = await leaving.client.data(
      `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section } } }`,
      { input: { password: STRONG_PASSWORD } },
    );
    expect(deleteMyAccount.kept.map((kept: { section: string }) => kept.section)).toContain('Ressources');
    const { resource } = await reader.data(ONE, { slug: createResource.slug });
    expect(resource.title).toBe('Fiche d’une personne qui part');
    expect(resource.authors.map((a: { displayName: string }) => a.displayName)).toEqual(['Compte supprimé']);
    expect(resource).toMatchObject({ feedbackCount: 1, averageRating: 3 });
    const feedback = await reader.data(
      `query ($id: ID!) { resourceFeedback(resourceId: $id) { edges { node { rating comment author { id } } } } }`,
      {
        id: createResource.id,
      },
    );
    expect(feedback.resourceFeedback.edges).toEqual([{ node: { rating: 3, comment: null, author: null } }]);
    const [{ count }] = await app.orm.em
      .getConnection()
      .execute(`select count(*)::int as count from resource_collection where title = 'Ma collection privée'`);
    expect(count).toBe(0);
  });
});

describe('one statement per list', () => {
  it('reads 2 or 20 resources with the same number of statements', async () => {
    for (let i = 0; i < 20; i++) {
      await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'post:%'`);
      await author.data(CREATE, { input: input({ title: `Fiche numéro ${i + 1}`, tags: ['serie', `t${i}`] }) });
    }
    const list = (first: number) => reader.data(LIST, { first });
    const small = await app.countStatements(() => list(2));
    const large = await app.countStatements(() => list(20));
    expect(small.result.resources.edges).toHaveLength(2);
    expect(large.result.resources.edges).toHaveLength(20);
    expect(large.statements).toBe(small.statements);
    expect(small.result.resources.totalCount).toBeGreaterThan(20);
  });
});
