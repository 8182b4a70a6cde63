import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { getSchema } from '../../server/src/graphql/schema.js';
import { DEFAULT_MAX_LENGTH, isFileText, maxLengthOf } from '../../server/src/graphql/input-limits.js';
import { logger } from '../../server/src/logger.js';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
/** Texts longer than this must be named here, with why. */
const LONG_TEXTS: Record<string, string> = {
  'Mutation.importPlaces(input).content': 'a whole directory file, until the import streams it',
  'Mutation.importPlaces(input).contentBase64': 'the same file as bytes in base64, when it may not be UTF-8',
};
const LONGEST_TEXT = 50_000;

interface Position {
  /** `Mutation.createEvent(input).title`: where it is in the schema. */
  name: string;
  root: 'Query' | 'Mutation';
  field: GraphQLField<unknown, unknown>;
  /** The argument, then input fields and list indexes: ['input', 'scenarios', '0', 'title']. */
  path: string[];
  type: 'String' | 'ID';
  limit: number;
  /** A file given as text (`@FileText`): its reader explains a null character itself. */
  fileText: boolean;
}

/** Every String and ID a client can send, at any depth of any argument of any operation. */
async function inputPositions(): Promise<Position[]> {
  const schema = await getSchema();
  const positions: Position[] = [];
  const visit = (
    position: Omit<Position, 'type' | 'limit' | 'path' | 'name' | 'fileText'> & { name: string; path: string[] },
    input: GraphQLArgument | GraphQLInputField,
    type: GraphQLInputType,
    seen: Set<string>,
  ) => {
    const nullable = getNullableType(type);
    if (isListType(nullable)) return visit({ ...position, path: [...position.path, '0'] }, input, nullable.ofType, seen);
    if (isInputObjectType(nullable)) {
      if (seen.has(nullable.name)) return;
      for (const field of Object.values(nullable.getFields())) {
        visit(
          { ...position, name: `${position.name}.${field.name}`, path: [...position.path, field.name] },
          field,
          field.type,
          new Set([...seen, nullable.name]),
        );
      }
    } else if (isScalarType(nullable) && (nullable.name === 'String' || nullable.name === 'ID')) {
      positions.push({ ...position, type: nullable.name, limit: maxLengthOf(input), fileText: isFileText(input) });
    }
  };
  for (const root of [schema.getQueryType(), schema.getMutationType()] as GraphQLObjectType[]) {
    for (const field of Object.values(root.getFields())) {
      for (const arg of field.args) {
        visit(
          { root: root.name as 'Query' | 'Mutation', field, name: `${root.name}.${field.name}(${arg.name})`, path: [arg.name] },
          arg,
          arg.type,
          new Set(),
        );
      }
    }
  }
  return positions;
}

/** A value of `type` that GraphQL accepts, with only the required fields of input objects. */
function sample(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [sample(nullable.ofType)];
  if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(fields.map((field) => [field.name, sample(field.type)]));
  }
  if (isEnumType(nullable)) return nullable.getValues()[0].name;
  switch (nullable.name) {
    case 'ID':
      return randomUUID();
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return new Date().toISOString();
    default:
      return 'x';
  }
}

/** `value` placed at `path` inside `base` (a sample of the argument), creating what is missing. */
function placed(base: unknown, type: GraphQLInputType, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const nullable = getNullableType(type);
  const [head, ...rest] = path;
  if (isListType(nullable)) return [placed(sample(nullable.ofType), nullable.ofType, rest, value)];
  if (isInputObjectType(nullable)) {
    const record = { ...((base as Record<string, unknown> | undefined) ?? (sample(nullable) as Record<string, unknown>)) };
    const field = nullable.getFields()[head];
    record[head] = placed(record[head] ?? sample(field.type), field.type, rest, value);
    return record;
  }
  throw new Error(`cannot place a value under ${nullable.toString()}`);
}

/** The operation calling `position.field` with `value` at `position.path`, every other required argument sampled. */
function probe(position: Position, value: unknown): { query: string; variables: Record<string, unknown> } {
  const { field } = position;
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    if (arg.name === position.path[0]) variables[arg.name] = placed(undefined, arg.type, position.path.slice(1), value);
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) variables[arg.name] = sample(arg.type);
  }
  const declared = field.args.filter((arg) => arg.name in variables);
  const definitions = declared.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const call = declared.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const operation = position.root === 'Query' ? 'query' : 'mutation';
  return {
    query: `${operation} Probe${definitions ? `(${definitions})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`,
    variables,
  };
}

/** The key of a field in `extensions.fields`: as the form names it (the `input` argument left out). */
const fieldKey = (path: string[]) => (path[0] === 'input' ? path.slice(1) : path).join('.');

const frenchNumber = new Intl.NumberFormat('fr-FR');

let app: TestApp;
let positions: Position[];
beforeAll(async () => {
  app = await startTestApp();
  positions = await inputPositions();
});
afterAll(async () => {
  await app?.close();
});

/** A signed-in member whose address is confirmed, made in this file's database. */
async function verifiedMember(name: string): Promise<{ client: GraphQLClient; id: string }> {
  await app.orm.em.getConnection().execute(`delete from rate_limit`);
  const client = app.client();
  const { id } = await signUp(client, name);
  await app.orm.em.getConnection().execute(`update app_user set email_verified_at = now() where id = ?`, [id]);
  return { client, id };
}

describe('every string a client sends has a bound', () => {
  it('gives every String argument and input field of the schema a bound, long ones only where said', async () => {
    const strings = positions.filter((position) => position.type === 'String');
    expect(strings.length).toBeGreaterThan(250);
    for (const position of strings) {
      expect(Number.isInteger(position.limit) && position.limit > 0, position.name).toBe(true);
      if (position.limit > LONGEST_TEXT)
        expect(LONG_TEXTS, `${position.name} accepts ${position.limit} characters`).toHaveProperty([position.name]);
    }
    // A bound declared by hand must be a number, or it would silently fall back to the default;
    // arguments of fields below the root (a list's `after`) have theirs too.
    const schema = await getSchema();
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (field.extensions?.maxLength !== undefined)
            expect(typeof field.extensions.maxLength, `${type.name}.${field.name}`).toBe('number');
        }
      } else if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) {
            if (arg.extensions?.maxLength !== undefined)
              expect(typeof arg.extensions.maxLength, `${type.name}.${field.name}(${arg.name})`).toBe('number');
            if (getNamedType(arg.type).name === 'String')
              expect(maxLengthOf(arg), `${type.name}.${field.name}(${arg.name})`).toBeLessThanOrEqual(LONGEST_TEXT);
          }
        }
      }
    }
    // The texts people write at length keep the limits their services had.
    const limitOf = (name: string) => positions.find((position) => position.name === name)?.limit;
    expect(limitOf('Query.questions(search)')).toBe(DEFAULT_MAX_LENGTH);
    expect(limitOf('Mutation.updateProfile(input).bio')).toBe(3000);
    expect(limitOf('Mutation.askQuestion(input).body')).toBe(20_000);
    expect(limitOf('Mutation.transferTime(input).memo')).toBe(300);
    expect(limitOf('Mutation.publishCharterVersion(input).articles.body')).toBe(20_000);
    expect(limitOf('Mutation.importPlaces(input).content')).toBe(4_000_000);
    expect(limitOf('Mutation.importPlaces(input).contentBase64')).toBe(4_000_000);
    // Bounds declared on a parent input class hold in each child (type-graphql drops them there by itself).
    expect(limitOf('Mutation.updateOrganization(input).presentationDetail')).toBe(20_000);
    expect(limitOf('Mutation.createOrganization(input).presentationDetail')).toBe(20_000);
  });

  it('refuses one character too many in each of them, naming the field and its limit, before anything runs', async () => {
    const visitor = app.client();
    const strings = positions.filter((position) => position.type === 'String');
    const { statements } = await app.countStatements(async () => {
      for (const position of strings) {
        const { query, variables } = probe(position, 'a'.repeat(position.limit + 1));
        const result = await visitor.request(query, variables);
        const key = fieldKey(position.path);
        expect(result.errors?.[0]?.extensions?.code, `${position.name}: ${JSON.stringify(result.errors)}`).toBe('BAD_USER_INPUT');
        expect(result.errors?.[0]?.extensions?.fields?.[key], position.name).toBe(
          french(`Ce texte est trop long : ${frenchNumber.format(position.limit)} caractères au plus.`),
        );
        expect(result.data ?? null).toBeNull();
      }
    });
    // Not a single SQL statement: the refusal comes before any resolver.
    expect(statements).toBe(0);
  });

  it('refuses a null character in any text with a sentence, not a database error (a crafted link: /entraide?q=%00)', async () => {
    const visitor = app.client();
    // An import's file text is the one place where its reader says it (tests/api/reseau-import-fichiers.test.ts).
    expect(positions.filter((position) => position.fileText).map((position) => position.name)).toEqual([
      'Mutation.importPlaces(input).content',
    ]);
    const strings = positions.filter((position) => position.type === 'String' && !position.fileText);
    const { statements } = await app.countStatements(async () => {
      for (const position of strings) {
        const { query, variables } = probe(position, '\u0000');
        const result = await visitor.request(query, variables);
        expect(result.errors?.[0]?.extensions?.code, `${position.name}: ${JSON.stringify(result.errors)}`).toBe('BAD_USER_INPUT');
        expect(result.errors?.[0]?.extensions?.fields?.[fieldKey(position.path)], position.name).toBe(
          french('Ce texte contient un caractère invalide (le caractère nul) : retirez-le.'),
        );
      }
    });
    expect(statements).toBe(0);
  });

  it('answers a 1 MB search at once with BAD_USER_INPUT, and logs nothing big', async () => {
    const stream = (logger as unknown as Record<symbol, { write: (line: string) => boolean }>)[pino.symbols.streamSym];
    const write = stream.write;
    const level = logger.level;
    const lines: string[] = [];
    stream.write = (line: string) => lines.push(line) > 0;
    logger.level = 'info';
    try {
      const started = Date.now();
      const result = await app.client().request(`query ($search: String) { questions(search: $search) { totalCount } }`, {
        search: 'évènement '.repeat(100_000),
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result.errors?.[0]).toMatchObject({
        message: french('Ce texte est trop long : 200 caractères au plus.'),
        extensions: { code: 'BAD_USER_INPUT', fields: { search: french('Ce texte est trop long : 200 caractères au plus.') } },
      });
      // Even an error quoting a huge value stays one short line.
      logger.error({ err: new Error(`invalid input syntax: ${'x'.repeat(1_000_000)}`) }, 'unexpected error in a GraphQL operation');
    } finally {
      stream.write = write;
      logger.level = level;
    }
    expect(lines.length).toBe(1);
    for (const line of lines) expect(line.length).toBeLessThan(10_000);
    expect(lines[0]).toContain('(1000022 characters)');
  });

  it('takes long texts up to their own bound', async () => {
    const { client } = await verifiedMember('Dominique Longue');
    const UPDATE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id bio } }`;
    const { updateProfile } = await client.data(UPDATE, { input: { bio: 'é'.repeat(3000) } });
    expect(updateProfile.bio).toHaveLength(3000);
    const refused = await client.error(UPDATE, { input: { bio: 'é'.repeat(3001) } });
    expect(refused.extensions?.fields).toEqual({
      bio: french(`Ce texte est trop long : ${frenchNumber.format(3000)} caractères au plus.`),
    });
  });

  it('checks the arguments of fields below the root too (a list of attendees paged by a cursor)', async () => {
    const result = await app
      .client()
      .request(`query ($id: ID!, $after: String) { event(id: $id) { attendees(after: $after) { totalCount } } }`, {
        id: randomUUID(),
        after: 'a'.repeat(1001),
      });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { after: french(`Ce texte est trop long : ${frenchNumber.format(1000)} caractères au plus.`) },
    });
  });

  it('checks the values of each request when the same operation comes again, arguments inside a fragment too', async () => {
    const query = `query ($id: ID!, $after: String) { event(id: $id) { ...Inscrits } }
      fragment Inscrits on Event { attendees(after: $after) { totalCount } }`;
    const visitor = app.client();
    const fitting = await visitor.request(query, { id: randomUUID(), after: 'a'.repeat(1000) });
    expect(fitting.errors?.[0]?.extensions?.code).not.toBe('BAD_USER_INPUT');
    const tooLong = await visitor.request(query, { id: randomUUID(), after: 'a'.repeat(1001) });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { after: french(`Ce texte est trop long : ${frenchNumber.format(1000)} caractères au plus.`) },
    });
    expect((await visitor.request(query, { id: '-', after: null })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('speaks English to English speakers', async () => {
    const result = await app.client({ 'accept-language': 'en' }).request(`query ($s: String) { questions(search: $s) { totalCount } }`, {
      s: 'a'.repeat(201),
    });
    expect(result.errors?.[0]?.message).toBe('This text is too long: 200 characters at most.');
  });
});

describe('every id a client sends is a UUID', () => {
  it('answers NOT_FOUND for "-" in each ID argument and input field, before anything runs', async () => {
    const visitor = app.client();
    const ids = positions.filter((position) => position.type === 'ID');
    expect(ids.length).toBeGreaterThan(100);
    const { statements } = await app.countStatements(async () => {
      for (const position of ids) {
        const { query, variables } = probe(position, '-');
        const result = await visitor.request(query, variables);
        expect(result.errors?.[0]?.extensions?.code, `${position.name}: ${JSON.stringify(result.errors)}`).toBe('NOT_FOUND');
      }
    });
    expect(statements).toBe(0);
  });

  it('answers a malformed id as an unknown one in createEvent, createProject, createManagedAccount, campaigns and registerToEvent', async () => {
    const { client } = await verifiedMember('Camille Malformée');
    const calls: Array<[string, Record<string, unknown>]> = [
      [
        `mutation ($input: CreateEventInput!) { createEvent(input: $input) { __typename } }`,
        { input: { organizationId: '-', kind: 'ATELIER', title: 'Atelier', localStart: '2030-01-07T14:30', localEnd: '2030-01-07T16:00' } },
      ],
      [
        `mutation ($input: CreateProjectInput!) { createProject(input: $input) { __typename } }`,
        { input: { holderId: '-', title: 'Un projet', summary: 'Un résumé assez long.', stage: 'IDEE' } },
      ],
      [
        `mutation ($input: CreateManagedAccountInput!) { createManagedAccount(input: $input) { __typename } }`,
        { input: { organizationId: '-', displayName: 'Josette', email: 'josette@exemple.fr' } },
      ],
      [`mutation ($input: CloseCampaignInput!) { closeCampaign(input: $input) { __typename } }`, { input: { campaignId: '-' } }],
      [
        `mutation ($input: ApplyToCampaignInput!) { applyToCampaign(input: $input) { __typename } }`,
        { input: { campaignId: '-', motivation: 'Aider.', level: 'DEBUTANT', device: 'smartphone' } },
      ],
      [`mutation ($input: RegisterToEventInput!) { registerToEvent(input: $input) { __typename } }`, { input: { eventId: '-' } }],
      [`mutation ($input: RegisterToEventInput!) { registerToEvent(input: $input) { __typename } }`, { input: { eventId: randomUUID() } }],
    ];
    for (const [query, variables] of calls) {
      const error = await client.error(query, variables);
      // The answer an unknown id gets: nothing tells a malformed id from a deleted thing.
      expect(error, query).toMatchObject({ message: expect.stringMatching(/n’existe pas ou plus\.$/), extensions: { code: 'NOT_FOUND' } });
    }
  });
});
