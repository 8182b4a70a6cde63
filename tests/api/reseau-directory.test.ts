import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

const CREATE = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug } }`;
const SEARCH = `query ($first: Int, $after: String, $search: String, $services: [String!], $fraisACharge: [String!], $priseEnChargeSpecifique: [String!],
  $commune: String, $codePostal: String, $departement: String, $near: DirectoryNearInput, $openNow: Boolean, $kind: OrganizationKind) {
  organizations(first: $first, after: $after, search: $search, services: $services, fraisACharge: $fraisACharge,
    priseEnChargeSpecifique: $priseEnChargeSpecifique, commune: $commune, codePostal: $codePostal, departement: $departement,
    near: $near, openNow: $openNow, kind: $kind) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { name commune distanceKm openNow openingStatus networks { name } } } } }`;
const PEOPLE = `query ($first: Int, $search: String, $tag: String, $near: DirectoryNearInput, $departement: String) {
  people(first: $first, search: $search, tag: $tag, near: $near, departement: $departement) {
    totalCount edges { node { id displayName email commune expertiseTags distanceKm organizations { role organization { name slug } } } } } }`;

let app: TestApp;
let admin: GraphQLClient;
beforeAll(async () => {
  app = await startTestApp();
  admin = app.client();
  await signUp(admin, 'Camille Le Goff');
  const place = (name: string, fields: Record<string, unknown>) => admin.data(CREATE, { input: { name, ...fields } });
  // Around Savenay (44), and one in Angoulême (16).
  await place('Médiathèque Colette de Savenay', {
    commune: 'Savenay',
    codePostal: '44260',
    adresse: '1 rue de Nantes',
    latitude: 47.3612,
    longitude: -1.942,
    horaires: '24/7',
    services: ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'],
    fraisACharge: ['Gratuit'],
    priseEnChargeSpecifique: ['Surdité'],
  });
  await place('FabLab de Malville', {
    commune: 'Malville',
    codePostal: '44260',
    adresse: '2 rue de la Gare',
    latitude: 47.3597,
    longitude: -1.8631,
    horaires: 'off',
    services: ['Loisirs et créations numériques'],
    fraisACharge: ['Payant'],
  });
  await place('Espace France Services de Saint-Étienne-de-Montluc', {
    commune: 'Saint-Étienne-de-Montluc',
    codePostal: '44360',
    adresse: '1 place de la Mairie',
    latitude: 47.2766,
    longitude: -1.7806,
    services: ['Aide aux démarches administratives'],
    fraisACharge: ['Gratuit'],
  });
  await place('Centre social de la Grand Font', {
    commune: 'Angoulême',
    codePostal: '16000',
    adresse: '1 rue de la Grand Font',
    latitude: 45.6484,
    longitude: 0.1562,
    services: ['Aide aux démarches administratives'],
    fraisACharge: ['Gratuit'],
    priseEnChargeSpecifique: ['Surdité'],
  });
  await place('Réseau numérique Estuaire et Sillon', { kind: 'RESEAU' });
});
afterAll(async () => {
  await app?.close();
});

const names = (result: any) => result.organizations.edges.map((edge: any) => edge.node.name);
const search = (variables: Record<string, unknown>) => app.client().data(SEARCH, variables);

describe('searching the directory of places', () => {
  it('finds words without their accents or case ("mediatheque" finds "Médiathèque"), also while typing', async () => {
    expect(names(await search({ search: 'mediatheque' }))).toEqual(['Médiathèque Colette de Savenay']);
    expect(names(await search({ search: 'MÉDIATH savenay' }))).toEqual(['Médiathèque Colette de Savenay']);
    expect(names(await search({ search: 'saint etienne' }))).toEqual(['Espace France Services de Saint-Étienne-de-Montluc']);
    expect(names(await search({ search: 'piscine' }))).toEqual([]);
  });

  it("filters on the standard's enumerations (all values asked), commune, postcode and département", async () => {
    const free = await search({
      services: ['Aide aux démarches administratives'],
      fraisACharge: ['Gratuit'],
      priseEnChargeSpecifique: ['Surdité'],
    });
    expect(names(free).sort()).toEqual(['Centre social de la Grand Font', 'Médiathèque Colette de Savenay']);
    expect(names(await search({ departement: '44', fraisACharge: ['Gratuit'] })).sort()).toEqual([
      'Espace France Services de Saint-Étienne-de-Montluc',
      'Médiathèque Colette de Savenay',
    ]);
    expect(names(await search({ codePostal: '44260' })).sort()).toEqual(['FabLab de Malville', 'Médiathèque Colette de Savenay']);
    expect(names(await search({ commune: 'angouleme' }))).toEqual(['Centre social de la Grand Font']);
    expect(names(await search({ kind: 'RESEAU' }))).toEqual(['Réseau numérique Estuaire et Sillon']);
    const wrong = await app.client().error(SEARCH, { services: ['Réparer des vélos'] });
    expect(wrong.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.extensions?.fields?.services).toMatch(/«\u00a0Réparer des vélos\u00a0» n’est pas une valeur du standard/);
  });

  it('sorts by distance from a point or a commune and gives the distance', async () => {
    const nearSavenay = await search({ near: { lat: 47.3612, lng: -1.942, radiusKm: 20 } });
    expect(names(nearSavenay)).toEqual([
      'Médiathèque Colette de Savenay',
      'FabLab de Malville',
      'Espace France Services de Saint-Étienne-de-Montluc',
    ]);
    const distances = nearSavenay.organizations.edges.map((e: any) => e.node.distanceKm);
    expect(distances[0]).toBe(0);
    expect(distances[1]).toBeCloseTo(5.9, 1);
    expect(distances[2]).toBeCloseTo(15.4, 1);
    const nearMalville = await search({ near: { commune: 'Malville', radiusKm: 7 } });
    expect(names(nearMalville)).toEqual(['FabLab de Malville', 'Médiathèque Colette de Savenay']);
    const unknown = await app.client().error(SEARCH, { near: { commune: 'Trifouilly-les-Oies' } });
    expect(unknown.extensions?.fields?.commune).toMatch(/Nous ne connaissons pas de lieu à «\u00a0Trifouilly-les-Oies\u00a0»/);
    expect((await app.client().error(SEARCH, { near: { lat: 47, lng: -1, radiusKm: 500 } })).extensions?.fields?.radiusKm).toMatch(
      /entre 0 et 200 km/,
    );
  });

  it('finds the places open now, from their OSM opening hours in Paris time', async () => {
    const open = await search({ openNow: true, departement: '44' });
    expect(names(open)).toEqual(['Médiathèque Colette de Savenay']);
    expect(open.organizations.edges[0].node).toMatchObject({ openNow: true, openingStatus: 'Ouvert' });
    const all = await search({ codePostal: '44260' });
    expect(all.organizations.edges.find((e: any) => e.node.name === 'FabLab de Malville').node).toMatchObject({
      openNow: false,
      openingStatus: 'Fermé',
    });
  });

  it('finds the places open now around a point, and follows a place that moves, whoever moves it', async () => {
    const nearSavenay = { lat: 47.3612, lng: -1.942, radiusKm: 10 };
    const open = await search({ openNow: true, near: nearSavenay });
    expect(names(open)).toEqual(['Médiathèque Colette de Savenay']);
    expect(open.organizations.totalCount).toBe(1);
    // The FabLab of Malville (closed) and the place of Angoulême stay out; a 24/7 place brought within the circle comes in.
    const em = app.orm.em.fork();
    await em.getConnection().execute(`update organization set horaires = '24/7' where name = 'FabLab de Malville'`);
    expect(names(await search({ openNow: true, near: nearSavenay }))).toEqual(['Médiathèque Colette de Savenay', 'FabLab de Malville']);
    await em.getConnection().execute(`update organization set latitude = 45.65, longitude = 0.16 where name = 'FabLab de Malville'`);
    expect(names(await search({ openNow: true, near: nearSavenay }))).toEqual(['Médiathèque Colette de Savenay']);
    const angouleme = await search({ openNow: true, near: { lat: 45.65, lng: 0.16, radiusKm: 5 } });
    expect(names(angouleme)).toContain('FabLab de Malville');
    await em
      .getConnection()
      .execute(`update organization set horaires = 'off', latitude = 47.3597, longitude = -1.8631 where name = 'FabLab de Malville'`);
    expect(names(await search({ openNow: true, near: nearSavenay }))).toEqual(['Médiathèque Colette de Savenay']);
  });

  it('pages with cursors and totalCount', async () => {
    const first = await search({ first: 2, departement: '44' });
    expect(first.organizations.totalCount).toBe(3);
    expect(first.organizations.pageInfo.hasNextPage).toBe(true);
    const second = await search({ first: 2, departement: '44', after: first.organizations.pageInfo.endCursor });
    expect(names(second)).toHaveLength(1);
    expect(second.organizations.pageInfo.hasNextPage).toBe(false);
    expect(new Set([...names(first), ...names(second)]).size).toBe(3);
  });

  it('sends the same number of SQL statements for 2 and for 20 places, with every filter at once', async () => {
    for (let i = 0; i < 22; i++) {
      await admin.data(CREATE, {
        input: {
          name: `Point numérique ${i}`,
          commune: 'Savenay',
          codePostal: '44260',
          adresse: `${i} rue du Sillon`,
          latitude: 47.36 + i / 1000,
          longitude: -1.94,
          horaires: '24/7',
          services: ['Aide aux démarches administratives'],
        },
      });
    }
    const variables = {
      search: 'point numerique',
      services: ['Aide aux démarches administratives'],
      departement: '44',
      near: { commune: 'Savenay', radiusKm: 30 },
      openNow: true,
    };
    const small = await app.countStatements(() => search({ ...variables, first: 2 }));
    const large = await app.countStatements(() => search({ ...variables, first: 20 }));
    expect(small.result.organizations.edges).toHaveLength(2);
    expect(large.result.organizations.edges).toHaveLength(20);
    expect(large.result.organizations.totalCount).toBe(22);
    // One to locate the commune, one to read the opening hours, one for the page and its total.
    expect(small.statements).toBe(3);
    expect(large.statements).toBe(small.statements);
  });

  it('walks each order of the directory (name, relevance, distance) and a network’s members two by two: every place once, ties in one order', async () => {
    const run = (text: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute(text, params);
    // Seven places in one statement: three share their name and their point (ties on every sort key but the id); two far
    // away, whose names begin with a capital letter and an accent (the alphabetical order ignores both).
    await run(
      `insert into organization (id, name, slug, kind, commune, code_postal, departement, latitude, longitude)
       select gen_random_uuid(), v.name, 'pagination-' || v.i, 'lieu', 'Pagiville', '85000', '85', v.lat, v.lng
         from (values (1, 'Relais pagination', 46.67, -1.43), (2, 'Relais pagination', 46.67, -1.43), (3, 'Relais pagination', 46.67, -1.43),
                      (4, 'Relais pagination bis', 46.688, -1.43), (5, 'Antenne pagination', 46.679, -1.43),
                      (6, 'ATELIER pagination', 47.5, -1.43), (7, 'Écrivain public pagination', 47.5, -1.43)) v(i, name, lat, lng)`,
    );
    const network = (await run(
      `insert into organization (id, name, slug, kind) values (gen_random_uuid(), 'Réseau pagination', 'reseau-pagination', 'reseau') returning id`,
    )) as Array<{ id: string }>;
    await run(
      `insert into network_membership (id, network_id, member_id, status)
       select gen_random_uuid(), ?, o.id, 'accepted' from organization o where o.slug like 'pagination-%'`,
      [network[0].id],
    );
    const LIST = `query ($first: Int, $after: String, $search: String, $codePostal: String, $near: DirectoryNearInput) {
      organizations(first: $first, after: $after, search: $search, codePostal: $codePostal, near: $near) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id name distanceKm } } } }`;
    const MEMBERS = `query ($id: ID!, $first: Int, $after: String) { organization(id: $id) { networkMembers(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id name distanceKm } } } } }`;
    const lists = {
      name: (variables: Record<string, unknown>) =>
        app
          .client()
          .data(LIST, { codePostal: '85000', ...variables })
          .then((data: any) => data.organizations),
      relevance: (variables: Record<string, unknown>) =>
        app
          .client()
          .data(LIST, { search: 'relais pagination', ...variables })
          .then((data: any) => data.organizations),
      distance: (variables: Record<string, unknown>) =>
        app
          .client()
          .data(LIST, { near: { lat: 46.67, lng: -1.43, radiusKm: 5 }, ...variables })
          .then((data: any) => data.organizations),
      network: (variables: Record<string, unknown>) =>
        app
          .client()
          .data(MEMBERS, { id: network[0].id, ...variables })
          .then((data: any) => data.organization.networkMembers),
    };
    const walk = async (list: (variables: Record<string, unknown>) => Promise<any>) => {
      const nodes: any[] = [];
      let after: string | null = null;
      let last: string | null = null;
      let pages = 0;
      let total = 0;
      do {
        const page = await list({ first: 2, after });
        total = page.totalCount;
        nodes.push(...page.edges.map((edge: any) => edge.node));
        last = page.pageInfo.endCursor;
        after = page.pageInfo.hasNextPage ? last : null;
        pages += 1;
      } while (after && pages < 10);
      const whole = await list({ first: 10 });
      expect(nodes).toEqual(whole.edges.map((edge: any) => edge.node));
      expect(new Set(nodes.map((node) => node.name + node.id)).size).toBe(total);
      // Past the end: no row, the right total.
      const beyond = await list({ first: 2, after: last });
      expect(beyond.edges).toEqual([]);
      expect(beyond.totalCount).toBe(total);
      expect(beyond.pageInfo.hasNextPage).toBe(false);
      return { nodes, total, pages, last };
    };
    const tiesInIdOrder = (nodes: any[]) => {
      const ids = nodes.filter((node) => node.name === 'Relais pagination').map((node) => node.id);
      expect(ids).toHaveLength(3);
      expect(ids).toEqual([...ids].sort());
    };

    const byName = await walk(lists.name);
    expect(byName.pages).toBe(4);
    expect(byName.nodes.map((node) => node.name)).toEqual([
      'Antenne pagination',
      'ATELIER pagination',
      'Écrivain public pagination',
      'Relais pagination',
      'Relais pagination',
      'Relais pagination',
      'Relais pagination bis',
    ]);
    tiesInIdOrder(byName.nodes);

    const byRelevance = await walk(lists.relevance);
    expect(byRelevance.nodes.map((node) => node.name)).toEqual([
      'Relais pagination',
      'Relais pagination',
      'Relais pagination',
      'Relais pagination bis',
    ]);
    tiesInIdOrder(byRelevance.nodes);

    const byDistance = await walk(lists.distance);
    expect(byDistance.nodes.map((node) => node.name)).toEqual([
      'Relais pagination',
      'Relais pagination',
      'Relais pagination',
      'Antenne pagination',
      'Relais pagination bis',
    ]);
    expect(byDistance.nodes.map((node) => Math.round(node.distanceKm))).toEqual([0, 0, 0, 1, 2]);
    tiesInIdOrder(byDistance.nodes);

    const members = await walk(lists.network);
    expect(members.nodes.map((node) => node.name)).toEqual(byName.nodes.map((node) => node.name));
    tiesInIdOrder(members.nodes);

    // A cursor of one order does not serve another.
    const error = await app.client().error(SEARCH, { codePostal: '85000', first: 2, after: byDistance.last });
    expect(error.extensions?.fields).toEqual({ after: 'Curseur de pagination invalide.' });
  });
});

describe('the people of the directory', () => {
  it('shows public profiles with their organizations, by words, tag, département and distance, never a hidden e-mail', async () => {
    const sophie = app.client();
    const { id: sophieId } = await signUp(sophie, 'Sophie Garnier');
    await sophie.data(
      `mutation { updateProfile(input: { commune: "Malville", departement: "44", expertiseTags: ["Aidants Connect", "Pix"], bio: "Médiatrice à Malville." }) { id } }`,
    );
    const fablab = (await app.client().data(`{ organizations(search: "fablab malville") { edges { node { id } } } }`)).organizations
      .edges[0].node.id;
    await admin.data(`mutation ($input: MemberInput!) { addMember(input: $input) { role } }`, {
      input: { organizationId: fablab, userId: sophieId, role: 'EDITOR' },
    });

    const visitor = app.client();
    const byTag = (await visitor.data(PEOPLE, { tag: 'aidants connect' })).people;
    expect(byTag.totalCount).toBe(1);
    expect(byTag.edges[0].node).toMatchObject({
      displayName: 'Sophie Garnier',
      email: null,
      commune: 'Malville',
      expertiseTags: ['aidants-connect', 'pix'],
      organizations: [{ role: 'EDITOR', organization: { name: 'FabLab de Malville', slug: 'fablab-de-malville' } }],
    });
    expect((await visitor.data(PEOPLE, { search: 'mediatrice' })).people.edges.map((e: any) => e.node.displayName)).toEqual([
      'Sophie Garnier',
    ]);
    expect((await visitor.data(PEOPLE, { departement: '44' })).people.totalCount).toBe(1);
    const near = (await visitor.data(PEOPLE, { near: { lat: 47.3612, lng: -1.942, radiusKm: 10 } })).people.edges.map((e: any) => [
      e.node.displayName,
      e.node.distanceKm,
    ]);
    expect(near.map(([name]: [string]) => name)).toEqual(['Camille Le Goff', 'Sophie Garnier']);
    expect(near[1][1]).toBeCloseTo(5.9, 1);
    // Camille admins a place in Angoulême too; Sophie has none there.
    const angouleme = (await visitor.data(PEOPLE, { near: { commune: 'Angoulême', radiusKm: 10 } })).people.edges.map(
      (e: any) => e.node.displayName,
    );
    expect(angouleme).toEqual(['Camille Le Goff']);

    // Sophie sees her own e-mail; others see it once she chooses to show it.
    expect((await sophie.data(PEOPLE, { tag: 'pix' })).people.edges[0].node.email).toMatch(/@exemple\.fr$/);
    await sophie.data(`mutation { updateProfile(input: { showEmail: true }) { id } }`);
    expect((await visitor.data(PEOPLE, { tag: 'pix' })).people.edges[0].node.email).toMatch(/@exemple\.fr$/);
    const { person } = await visitor.data(
      `query ($id: ID!) { person(id: $id) { displayName bioHtml organizations { organization { name } } } }`,
      { id: sophieId },
    );
    expect(person).toEqual({
      displayName: 'Sophie Garnier',
      bioHtml: '<p>Médiatrice à Malville.</p>\n',
      organizations: [{ organization: { name: 'FabLab de Malville' } }],
    });
  });

  it('writes a skill that is no tag yet as the vocabulary writes it, not as its code (the demo’s profiles, older records)', async () => {
    const paul = app.client();
    const { id } = await signUp(paul, 'Paul Sanscode');
    await app.orm.em
      .fork()
      .getConnection()
      .execute(`update app_user set expertise_tags = '{reseaux-sociaux,atelier-memoire}' where id = ?`, [id]);
    const found = await app.client().data(`{ people(search: "Sanscode") { edges { node { skills { slug label } } } } }`);
    expect(found.people.edges[0].node.skills).toEqual([
      { slug: 'reseaux-sociaux', label: 'Réseaux sociaux' },
      { slug: 'atelier-memoire', label: 'Atelier memoire' },
    ]);
  });

  it('sends the same number of SQL statements for 2 and for 20 people', async () => {
    for (let i = 0; i < 20; i++) {
      const client = app.client();
      await signUp(client, `Bénévole ${i}`);
      await client.data(`mutation { updateProfile(input: { departement: "44", expertiseTags: ["smartphone"] }) { id } }`);
      await client.data(CREATE, { input: { name: `Association ${i}` } });
    }
    const small = await app.countStatements(() => app.client().data(PEOPLE, { tag: 'smartphone', first: 2 }));
    const large = await app.countStatements(() => app.client().data(PEOPLE, { tag: 'smartphone', first: 20 }));
    expect(large.result.people.edges).toHaveLength(20);
    expect(large.result.people.edges[0].node.organizations).toHaveLength(1);
    expect(small.statements).toBe(1);
    expect(large.statements).toBe(small.statements);
  });

  it('walks the people by name and by distance, and an organization’s members by role and arrival, two by two: everyone once, ties in one order', async () => {
    const run = (text: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute(text, params);
    // In one statement each: three namesakes share a place (ties on name and on distance), Alix is 3 km away, Zoé,
    // "bernard" (written in small letters) and Élise have no place. Camille has not confirmed her address yet: not listed.
    await run(
      `insert into app_user (id, email, display_name, expertise_tags, email_verified_at)
       select gen_random_uuid(), 'pagination-' || v.i || '@exemple.fr', v.name, array['pagination'], case when v.i < 8 then now() end
         from (values (1, 'Dominique Pagination'), (2, 'Dominique Pagination'), (3, 'Dominique Pagination'),
                      (4, 'Alix Pagination'), (5, 'Zoé Pagination'), (6, 'bernard pagination'), (7, 'Élise Pagination'),
                      (8, 'Camille Pagination')) v(i, name)`,
    );
    await run(
      `insert into organization (id, name, slug, kind, latitude, longitude)
       values (gen_random_uuid(), 'Lieu des Dominique', 'pagination-dominique', 'lieu', 46.2, 0.9),
              (gen_random_uuid(), 'Lieu d’Alix', 'pagination-alix', 'lieu', 46.227, 0.9)`,
    );
    await run(
      `insert into membership (id, organization_id, user_id, role)
       select gen_random_uuid(), o.id, u.id, 'member'
         from app_user u join organization o
           on o.slug = case when u.display_name = 'Alix Pagination' then 'pagination-alix' else 'pagination-dominique' end
        where u.email like 'pagination-%@exemple.fr' and u.display_name in ('Alix Pagination', 'Dominique Pagination')`,
    );
    // The members of one organization: an admin, an editor, and five members of whom three namesakes.
    const house = (await run(
      `insert into organization (id, name, slug, kind) values (gen_random_uuid(), 'Maison pagination', 'maison-pagination', 'lieu') returning id`,
    )) as Array<{ id: string }>;
    await run(
      `with added as (
         insert into app_user (id, email, display_name)
         select gen_random_uuid(), 'membre-pagination-' || v.i || '@exemple.fr', v.name
           from (values (1, 'Membre Pagination'), (2, 'Membre Pagination'), (3, 'Membre Pagination'), (4, 'Béa Pagination'),
                        (5, 'Yann Pagination'), (6, 'Claire Pagination'), (7, 'élodie pagination')) v(i, name)
         returning id, display_name)
       insert into membership (id, organization_id, user_id, role)
       select gen_random_uuid(), ?, added.id,
              (case added.display_name when 'Yann Pagination' then 'admin' when 'Claire Pagination' then 'editor' else 'member' end)::member_role
         from added`,
      [house[0].id],
    );

    const PEOPLE_PAGE = `query ($first: Int, $after: String, $near: DirectoryNearInput) {
      people(first: $first, after: $after, tag: "pagination", near: $near) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id displayName distanceKm } } } }`;
    const MEMBERS = `query ($id: ID!, $first: Int, $after: String) { organization(id: $id) { members(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id role user { id displayName } } } } } }`;
    const walk = async (list: (variables: Record<string, unknown>) => Promise<any>, key: (node: any) => string) => {
      const nodes: any[] = [];
      let after: string | null = null;
      let last: string | null = null;
      let pages = 0;
      let total = 0;
      do {
        const page = await list({ first: 2, after });
        total = page.totalCount;
        nodes.push(...page.edges.map((edge: any) => edge.node));
        last = page.pageInfo.endCursor;
        after = page.pageInfo.hasNextPage ? last : null;
        pages += 1;
      } while (after && pages < 10);
      expect(nodes).toEqual((await list({ first: 10 })).edges.map((edge: any) => edge.node));
      expect(new Set(nodes.map(key)).size).toBe(total);
      const beyond = await list({ first: 2, after: last });
      expect(beyond.edges).toEqual([]);
      expect(beyond.totalCount).toBe(total);
      return nodes;
    };
    const namesakesInIdOrder = (ids: string[]) => {
      expect(ids).toHaveLength(3);
      expect(ids).toEqual([...ids].sort());
    };

    const people = (variables: Record<string, unknown>) =>
      app
        .client()
        .data(PEOPLE_PAGE, variables)
        .then((data: any) => data.people);
    const byName = await walk(people, (node) => node.id);
    // Alphabetical as people read it: neither the small "b" nor the "É" goes to the end.
    expect(byName.map((node) => node.displayName)).toEqual([
      'Alix Pagination',
      'bernard pagination',
      'Dominique Pagination',
      'Dominique Pagination',
      'Dominique Pagination',
      'Élise Pagination',
      'Zoé Pagination',
    ]);
    namesakesInIdOrder(byName.filter((node) => node.displayName === 'Dominique Pagination').map((node) => node.id));

    const byDistance = await walk(
      (variables) => people({ near: { lat: 46.2, lng: 0.9, radiusKm: 10 }, ...variables }),
      (node) => node.id,
    );
    expect(byDistance.map((node) => [node.displayName, Math.round(node.distanceKm)])).toEqual([
      ['Dominique Pagination', 0],
      ['Dominique Pagination', 0],
      ['Dominique Pagination', 0],
      ['Alix Pagination', 3],
    ]);
    namesakesInIdOrder(byDistance.filter((node) => node.displayName === 'Dominique Pagination').map((node) => node.id));

    const members = await walk(
      (variables) =>
        app
          .client()
          .data(MEMBERS, { id: house[0].id, ...variables })
          .then((data: any) => data.organization.members),
      (node) => node.id,
    );
    // Admins, editors, then members, each in the order they joined (docs/architecture.md, "A place's members"):
    // the five members joined in the same statement, so the membership's id orders them.
    expect(members.map((node) => [node.role, node.user.displayName])).toEqual([
      ['ADMIN', 'Yann Pagination'],
      ['EDITOR', 'Claire Pagination'],
      ...members.slice(2).map((node) => ['MEMBER', node.user.displayName]),
    ]);
    expect(
      members
        .slice(2)
        .map((node) => node.user.displayName)
        .sort(),
    ).toEqual(['Béa Pagination', 'Membre Pagination', 'Membre Pagination', 'Membre Pagination', 'élodie pagination']);
    const memberIds = members.slice(2).map((node) => node.id);
    expect(memberIds).toEqual([...memberIds].sort());
  });
});
