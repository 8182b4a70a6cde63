import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

/**
 * Ressources (docs/ressources.md): a base's name and description edited by its organization's admins only,
 * co-authors and author organizations (only organizations one belongs to), and who hears of a new resource
 * (`ressources.nouvelle`) through a followed base or a followed tag.
 */

const CREATE = `mutation ($input: ResourceInput!) { createResource(input: $input) {
  id slug authors { id displayName } authorOrganizations { id name } } }`;
const UPDATE = `mutation ($id: ID!, $input: ResourceInput!, $note: String!) { updateResource(id: $id, input: $input, versionNote: $note) {
  authors { id displayName } authorOrganizations { id name } } }`;
const UPDATE_BASE = `mutation ($input: UpdateResourceBaseInput!) { updateResourceBase(input: $input) { id name description } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message link } } } }`;
const FOLLOW_TAG = `mutation ($input: FollowTagInput!) { followTag(input: $input) { slug followedByMe } }`;

let app: TestApp;

interface Member {
  client: GraphQLClient;
  id: string;
}

async function member(name: string): Promise<Member> {
  await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'register:%'`);
  const client = app.client();
  const user = await signUp(client, name);
  await app.orm.em.getConnection().execute(`update app_user set created_at = now() - interval '30 days' where id = ?`, [user.id]);
  return { client, id: user.id };
}

function input(title: string, extra: Record<string, unknown> = {}) {
  return {
    title,
    summary: 'Une fiche pour animer un atelier avec des personnes débutantes.',
    contentMarkdown: 'Le déroulé de l’atelier, pas à pas.',
    kind: 'FICHE_PRATIQUE',
    licence: 'CC_BY_SA',
    visibility: 'PUBLIC',
    ...extra,
  };
}

async function toldOf(client: GraphQLClient, title: string): Promise<boolean> {
  const { notifications } = await client.data(NOTIFICATIONS);
  return notifications.edges.some(
    (edge: { node: { kind: string; message: string } }) => edge.node.kind === 'ressources.nouvelle' && edge.node.message.includes(title),
  );
}

let admin: Member;
let editor: Member;
let outsider: Member;
let colleague: Member;
let organizationId: string;
let otherOrganizationId: string;
let base: { id: string; slug: string };

beforeAll(async () => {
  app = await startTestApp();
  admin = await member('Adèle Admin');
  editor = await member('Eddy Éditeur');
  outsider = await member('Octave Dehors');
  colleague = await member('Colette Collègue');
  organizationId = (await admin.client.data(`mutation { createOrganization(input: { name: "Les Bricodeurs" }) { id } }`)).createOrganization
    .id;
  otherOrganizationId = (await outsider.client.data(`mutation { createOrganization(input: { name: "Numérique d’ailleurs" }) { id } }`))
    .createOrganization.id;
  await admin.client.data(`mutation ($input: MemberInput!) { addMember(input: $input) { role } }`, {
    input: { organizationId, userId: editor.id, role: 'EDITOR' },
  });
  await admin.client.data(`mutation ($input: MemberInput!) { addMember(input: $input) { role } }`, {
    input: { organizationId, userId: colleague.id, role: 'MEMBER' },
  });
  base = (
    await admin.client.data(`mutation ($input: CreateResourceBaseInput!) { createResourceBase(input: $input) { id slug } }`, {
      input: { organizationId },
    })
  ).createResourceBase;
});
afterAll(async () => {
  await app?.close();
});

describe("a base's name and description", () => {
  it('are changed by an admin of its organization, and shown on the base', async () => {
    const { updateResourceBase } = await admin.client.data(UPDATE_BASE, {
      input: { id: base.id, name: 'Fiches des Bricodeurs', description: 'Nos fiches d’ateliers, testées en médiathèque.' },
    });
    expect(updateResourceBase).toEqual({
      id: base.id,
      name: 'Fiches des Bricodeurs',
      description: 'Nos fiches d’ateliers, testées en médiathèque.',
    });
    const { resourceBase } = await app.client().data(`query ($slug: String!) { resourceBase(slug: $slug) { name description } }`, {
      slug: base.slug,
    });
    expect(resourceBase.name).toBe('Fiches des Bricodeurs');
  });

  it('are refused to a plain member, to a member of another organization and to visitors, and unchanged', async () => {
    for (const who of [colleague.client, outsider.client]) {
      const refused = await who.error(UPDATE_BASE, { input: { id: base.id, name: 'Base détournée' } });
      expect(refused.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await app.client().error(UPDATE_BASE, { input: { id: base.id, name: 'Base détournée' } });
    expect(anonymous.extensions?.code).toBe('UNAUTHENTICATED');
    const short = await admin.client.error(UPDATE_BASE, { input: { id: base.id, name: 'ab' } });
    expect(short.extensions?.fields?.name).toContain('au moins 3 caractères');
    const { resourceBase } = await app.client().data(`query ($slug: String!) { resourceBase(slug: $slug) { name } }`, { slug: base.slug });
    expect(resourceBase.name).toBe('Fiches des Bricodeurs');
  });
});

describe('co-authors and author organizations', () => {
  it('credits members and the organizations the publisher belongs to, shown on the resource', async () => {
    const { createResource } = await editor.client.data(CREATE, {
      input: input('Atelier à quatre mains', { coAuthorIds: [colleague.id], authorOrganizationIds: [organizationId] }),
    });
    expect(createResource.authors.map((a: { displayName: string }) => a.displayName)).toEqual(['Eddy Éditeur', 'Colette Collègue']);
    expect(createResource.authorOrganizations).toEqual([{ id: organizationId, name: 'Les Bricodeurs' }]);
    // The co-author may now edit it, and the organization already credited stays although she only is a member.
    const { updateResource } = await colleague.client.data(UPDATE, {
      id: createResource.id,
      input: input('Atelier à quatre mains', { coAuthorIds: [], authorOrganizationIds: [organizationId] }),
      note: 'Relecture',
    });
    expect(updateResource.authorOrganizations.map((o: { id: string }) => o.id)).toEqual([organizationId]);
    expect(updateResource.authors).toHaveLength(2);
  });

  it('refuses an organization the member does not belong to, on publishing and on editing', async () => {
    const refused = await editor.client.error(CREATE, {
      input: input('Fiche d’une autre structure', { authorOrganizationIds: [otherOrganizationId] }),
    });
    expect(refused.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.extensions?.fields?.authorOrganizationIds).toContain('dont vous êtes membre');
    const { createResource } = await editor.client.data(CREATE, { input: input('Fiche sans organisation') });
    const edit = await editor.client.error(UPDATE, {
      id: createResource.id,
      input: input('Fiche sans organisation', { authorOrganizationIds: [otherOrganizationId] }),
      note: 'Ajout d’une organisation',
    });
    expect(edit.extensions?.fields?.authorOrganizationIds).toContain('dont vous êtes membre');
    const { resource } = await editor.client.data(`query ($slug: String!) { resource(slug: $slug) { authorOrganizations { id } } }`, {
      slug: createResource.slug,
    });
    expect(resource.authorOrganizations).toEqual([]);
  });

  it('refuses a co-author who does not exist', async () => {
    const refused = await editor.client.error(CREATE, {
      input: input('Fiche au co-auteur fantôme', { coAuthorIds: ['0f8fad5b-d9cb-469f-a165-70867728950e'] }),
    });
    expect(refused.extensions?.fields?.coAuthorIds).toContain('n’existe pas');
  });
});

describe('followers hear of a new resource', () => {
  let baseFan: Member;
  let tagFan: Member;

  beforeAll(async () => {
    baseFan = await member('Bastien Abonné');
    tagFan = await member('Tania Motclé');
    await baseFan.client.data(`mutation ($id: ID!) { followResourceBase(baseId: $id) { id } }`, { id: base.id });
    await tagFan.client.data(FOLLOW_TAG, { input: { tag: 'Ateliers tablette', follow: true } });
    // The colleague (a member of the organization) follows both; the publisher follows both too.
    for (const who of [colleague, editor]) {
      await who.client.data(`mutation ($id: ID!) { followResourceBase(baseId: $id) { id } }`, { id: base.id });
      await who.client.data(FOLLOW_TAG, { input: { tag: 'Ateliers tablette', follow: true } });
    }
  });

  it('tells the base’s and the tag’s followers of a public resource, never its author', async () => {
    await editor.client.data(CREATE, { input: input('Prendre en main une tablette', { baseId: base.id, tags: ['Ateliers tablette'] }) });
    expect(await toldOf(baseFan.client, 'Prendre en main une tablette')).toBe(true);
    expect(await toldOf(tagFan.client, 'Prendre en main une tablette')).toBe(true);
    expect(await toldOf(colleague.client, 'Prendre en main une tablette')).toBe(true);
    expect(await toldOf(editor.client, 'Prendre en main une tablette')).toBe(false);
  });

  it('tells followers of a tag of a resource outside any base', async () => {
    await outsider.client.data(CREATE, { input: input('Tablette et visioconférence', { tags: ['Ateliers tablette'] }) });
    expect(await toldOf(tagFan.client, 'Tablette et visioconférence')).toBe(true);
    expect(await toldOf(baseFan.client, 'Tablette et visioconférence')).toBe(false);
  });

  it('tells of a resource kept to the organization only its members who follow the base, not other followers', async () => {
    await editor.client.data(CREATE, {
      input: input('Fiche interne des Bricodeurs', { baseId: base.id, visibility: 'ORGANISATION', tags: ['Ateliers tablette'] }),
    });
    expect(await toldOf(colleague.client, 'Fiche interne des Bricodeurs')).toBe(true);
    expect(await toldOf(baseFan.client, 'Fiche interne des Bricodeurs')).toBe(false);
    expect(await toldOf(tagFan.client, 'Fiche interne des Bricodeurs')).toBe(false);
    expect(await toldOf(editor.client, 'Fiche interne des Bricodeurs')).toBe(false);
    // The link they would follow answers "does not exist" to a follower outside the organization.
    const hidden = await baseFan.client.data(`query { resources(search: "interne Bricodeurs") { totalCount } }`);
    expect(hidden.resources.totalCount).toBe(0);
  });
});
