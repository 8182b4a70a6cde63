/**
 * Tags and skills keep their words: a tag has the label people wrote ("Démarches en ligne", accents
 * and capitals kept) and a slug for URLs and matching ("demarches-en-ligne"); the same slug is the
 * same tag, whoever writes it and however; profiles, the directory, questions, projects and
 * time-bank posts give the label back.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

const UPDATE_PROFILE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id expertiseTags skills { slug label } } }`;
const MEMBER = `query ($id: ID!) { user(id: $id) { displayName expertiseTags skills { slug label } } }`;
const PERSON = `query ($id: ID!) { person(id: $id) { displayName skills { slug label } } }`;
const PEOPLE = `query ($tag: String) { people(tag: $tag, first: 20) { edges { node { displayName skills { label } } } } }`;
const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id tags { slug label } } }`;
const TAG = `query ($slug: String!) { tag(slug: $slug) { slug label } }`;
const CREATE_ORGANIZATION = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const CREATE_PROJECT = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id slug tags tagList { slug label } } }`;
const PROJECTS = `query ($tags: [String!]) { projects(tags: $tags, first: 20) { edges { node { slug tagList { slug label } } } } }`;
const PUBLISH = `mutation ($input: PublishTimebankPostInput!) { publishTimebankPost(input: $input) { id tags tagList { slug label } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function member(name: string): Promise<{ client: GraphQLClient; id: string }> {
  await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'register:%'`);
  const client = app.client();
  const user = await signUp(client, name);
  // Established members: the first-week posting limits do not apply.
  await app.orm.em.getConnection().execute(`update app_user set created_at = now() - interval '30 days' where id = ?`, [user.id]);
  return { client, id: user.id };
}

async function tagRows(slug: string): Promise<Array<{ label: string }>> {
  return app.orm.em.getConnection().execute(`select label from tag where slug = ?`, [slug]);
}

describe('skills on a profile', () => {
  it('keeps the words as written, with accents and capitals, and the slug for matching', async () => {
    const nadia = await member('Nadia Skills');
    const { updateProfile } = await nadia.client.data(UPDATE_PROFILE, {
      input: { expertiseTags: ['Démarches en ligne', 'CAF', 'Accès aux droits', 'Réseaux_sociaux'] },
    });
    expect(updateProfile.expertiseTags).toEqual(['demarches-en-ligne', 'caf', 'acces-aux-droits', 'reseaux-sociaux']);
    expect(updateProfile.skills).toEqual([
      { slug: 'demarches-en-ligne', label: 'Démarches en ligne' },
      { slug: 'caf', label: 'CAF' },
      { slug: 'acces-aux-droits', label: 'Accès aux droits' },
      { slug: 'reseaux-sociaux', label: 'Réseaux sociaux' },
    ]);

    // What a visitor reads on /membres/<id> and in the directory.
    const visitor = app.client();
    const { user } = await visitor.data(MEMBER, { id: nadia.id });
    expect(user.skills.map((skill: { label: string }) => skill.label)).toEqual([
      'Démarches en ligne',
      'CAF',
      'Accès aux droits',
      'Réseaux sociaux',
    ]);
    const { person } = await visitor.data(PERSON, { id: nadia.id });
    expect(person.skills.map((skill: { label: string }) => skill.label)).toEqual([
      'Démarches en ligne',
      'CAF',
      'Accès aux droits',
      'Réseaux sociaux',
    ]);
  });

  it('is one tag per slug: a later spelling finds the same tag and its first label', async () => {
    const first = await member('Premier Auteur');
    await first.client.data(UPDATE_PROFILE, { input: { expertiseTags: ['Éducation aux médias'] } });
    const second = await member('Second Auteur');
    const { updateProfile } = await second.client.data(UPDATE_PROFILE, { input: { expertiseTags: ['education aux MEDIAS'] } });
    expect(updateProfile.skills).toEqual([{ slug: 'education-aux-medias', label: 'Éducation aux médias' }]);
    expect(await tagRows('education-aux-medias')).toEqual([{ label: 'Éducation aux médias' }]);

    // The directory's skill filter matches the slug, whatever the spelling asked.
    const { people } = await app.client().data(PEOPLE, { tag: 'Éducation aux médias' });
    expect(people.edges.map((edge: any) => edge.node.displayName).sort()).toEqual(['Premier Auteur', 'Second Auteur']);
  });

  it('gives a readable label to a skill written as a bare slug, and a real spelling replaces a slug-only label', async () => {
    const paul = await member('Paul Slug');
    const { updateProfile } = await paul.client.data(UPDATE_PROFILE, { input: { expertiseTags: ['impression-3d', 'atelier-memoire'] } });
    expect(updateProfile.skills).toEqual([
      { slug: 'impression-3d', label: 'Impression 3D' },
      { slug: 'atelier-memoire', label: 'Atelier memoire' },
    ]);
    const { updateProfile: again } = await paul.client.data(UPDATE_PROFILE, { input: { expertiseTags: ['Atelier mémoire'] } });
    expect(again.skills).toEqual([{ slug: 'atelier-memoire', label: 'Atelier mémoire' }]);
  });

  it('refuses to change a profile without being signed in', async () => {
    const refused = await app.client().error(UPDATE_PROFILE, { input: { expertiseTags: ['CAF'] } });
    expect(refused.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('tags of questions, projects and posts', () => {
  it('shows the label on a question and uses the slug in the tag address', async () => {
    const claire = await member('Claire Questions');
    const { askQuestion } = await claire.client.data(ASK, {
      input: {
        title: 'Comment aider pour la prime d’activité ?',
        body: 'Une personne me demande de l’aide pour sa déclaration trimestrielle.',
        tags: ['Prime d’activité', 'CAF'],
      },
    });
    expect(askQuestion.tags).toEqual([
      { slug: 'prime-d-activite', label: 'Prime d’activité' },
      { slug: 'caf', label: 'CAF' },
    ]);
    const { tag } = await app.client().data(TAG, { slug: 'prime-d-activite' });
    expect(tag).toEqual({ slug: 'prime-d-activite', label: 'Prime d’activité' });
  });

  it('shows the label on a project and on a time-bank post', async () => {
    const lea = await member('Léa Projets');
    const { createOrganization } = await lea.client.data(CREATE_ORGANIZATION, { input: { name: 'Tiers-lieu des Étangs' } });
    const { createProject } = await lea.client.data(CREATE_PROJECT, {
      input: {
        holderId: createOrganization.id,
        title: 'Répar’café numérique des Étangs',
        summary: 'Un atelier mensuel pour réparer ordinateurs et téléphones ensemble.',
        stage: 'IDEE',
        tags: ['Réemploi', 'Téléphones reconditionnés'],
      },
    });
    expect(createProject.tags).toEqual(['reemploi', 'telephones-reconditionnes']);
    expect(createProject.tagList).toEqual([
      { slug: 'reemploi', label: 'Réemploi' },
      { slug: 'telephones-reconditionnes', label: 'Téléphones reconditionnés' },
    ]);
    const { projects } = await app.client().data(PROJECTS, { tags: ['telephones-reconditionnes'] });
    const listed = projects.edges.find((edge: any) => edge.node.slug === createProject.slug);
    expect(listed.node.tagList.map((tag: { label: string }) => tag.label)).toEqual(['Réemploi', 'Téléphones reconditionnés']);

    const { publishTimebankPost } = await lea.client.data(PUBLISH, {
      input: {
        kind: 'OFFER',
        title: 'Initiation à l’Éducation aux médias',
        description: 'Deux heures pour repérer les fausses informations, en petit groupe.',
        category: 'FORMATION',
        tags: ['Éducation aux médias', 'Esprit critique'],
        departement: '44',
      },
    });
    expect(publishTimebankPost.tags).toEqual(['education-aux-medias', 'esprit-critique']);
    expect(publishTimebankPost.tagList.map((tag: { label: string }) => tag.label)).toEqual(['Éducation aux médias', 'Esprit critique']);
  });
});

describe('Migration20261202160000_tag_labels', () => {
  it('gives every tag used by profiles, projects and posts a row and a label people can read', async () => {
    const connection = app.orm.em.getConnection();
    const paul = await member('Paul Ancien');
    // Records written before labels were kept: slug-only labels, and skills without a row.
    await connection.execute(
      `insert into tag (slug, label) values ('demarches-en-ligne-old', 'demarches-en-ligne-old') on conflict do nothing`,
    );
    await connection.execute(`delete from tag where slug in ('cybersecurite', 'montage-video')`);
    await connection.execute(`update app_user set expertise_tags = '{cybersecurite,montage-video}' where id = ?`, [paul.id]);

    const { Migration20261202160000_tag_labels: TagLabels } = createRequire(import.meta.url)(
      '../../migrations/Migration20261202160000_tag_labels.js',
    );
    const migration = new TagLabels(null, null);
    await migration.up();
    for (const statement of migration.getQueries()) await connection.execute(statement);

    expect(await tagRows('cybersecurite')).toEqual([{ label: 'Cybersécurité' }]);
    expect(await tagRows('montage-video')).toEqual([{ label: 'Montage video' }]);
    expect(await tagRows('demarches-en-ligne-old')).toEqual([{ label: 'Demarches en ligne old' }]);
    const { user } = await app.client().data(MEMBER, { id: paul.id });
    expect(user.skills.map((skill: { label: string }) => skill.label)).toEqual(['Cybersécurité', 'Montage video']);
  });
});
