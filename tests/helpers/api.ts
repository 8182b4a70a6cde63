import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp } from '../../server/src/app.js';
import { readConfig, type AppConfig } from '../../server/src/config.js';
import { linkTokenSentTo } from './accounts.js';
import { createTestDatabase } from './database.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; fields?: Record<string, string>; [key: string]: unknown };
    path?: unknown[];
  }>;
  headers: Headers;
}

/** A person's browser: it keeps the cookies the server sets, like a real one. */
export class GraphQLClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async request<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.cookieHeader(), ...this.defaultHeaders, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    this.keepCookies(response.headers);
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body };
  }

  /** The same question asked with GET, as a CDN or a reader of the open API asks it (Apollo wants the preflight header). */
  async get(query: string, variables: Record<string, unknown> = {}): Promise<Response> {
    const url = new URL(`${this.baseUrl}/graphql`);
    url.searchParams.set('query', query);
    url.searchParams.set('variables', JSON.stringify(variables));
    return fetch(url, { headers: { 'apollo-require-preflight': 'true', ...this.cookieHeader(), ...this.defaultHeaders } });
  }

  /** The data of a request that must succeed (throws with the server's messages otherwise). */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
    return result.data as T;
  }

  /** The first error of a request that must fail. */
  async error(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const result = await this.request(query, variables, headers);
    if (!result.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return result.errors[0];
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  private keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const expired = attributes.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim()) || /max-age=0/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }
}

export interface TestApp {
  url: string;
  orm: MikroORM;
  config: AppConfig;
  /** A new browser with no cookie. */
  client(headers?: Record<string, string>): GraphQLClient;
  /** How many SQL statements `action` sends to PostgreSQL. */
  countStatements<T>(action: () => Promise<T>): Promise<{ result: T; statements: number; sql: string[] }>;
  close(): Promise<void>;
}

/**
 * The real API (Express + Apollo + MikroORM) on a free port, over a database of its own.
 * `production: true` turns on what a real deployment has (no introspection, no stack traces).
 */
export async function startTestApp(options: { production?: boolean; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: AppConfig = { ...readConfig({ ...process.env, NODE_ENV: options.production ? 'production' : 'test' }), ...options.config };
  const { app, stop } = await createApp({ orm: database.orm, config });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const knex = database.orm.em.getConnection().getKnex();
  let recording: string[] | null = null;
  knex.on('query', (query: { sql: string }) => recording?.push(query.sql));

  const testApp: TestApp = {
    url,
    orm: database.orm,
    config,
    client: (headers) => new GraphQLClient(url, headers),
    async countStatements(action) {
      recording = [];
      try {
        const result = await action();
        return { result, statements: recording.length, sql: recording };
      } finally {
        recording = null;
      }
    },
    async close() {
      databasesByUrl.delete(url);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stop();
      await database.drop();
    },
  };
  readEmailsOf(url, database.orm);
  return testApp;
}

let counter = 0;
/** A unique e-mail for this test run. */
export function uniqueEmail(name = 'membre'): string {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@exemple.fr`;
}

export const STRONG_PASSWORD = 'une phrase de passe solide';

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { message } }`;
const VERIFY_EMAIL = `mutation VerifyEmail($input: EmailLinkInput!) { verifyEmail(input: $input) { id email displayName } }`;

/** The database behind each base URL, so `signUp(client)` can read the e-mails the server queues. */
const databasesByUrl = new Map<string, MikroORM>();

/** For a server started otherwise than by `startTestApp` (a spawned process): where `signUp` reads its e-mails. */
export function readEmailsOf(url: string, orm: MikroORM): void {
  databasesByUrl.set(url, orm);
}

/**
 * A new member who signed up and confirmed their address with `client` (which is then signed in as
 * them), the honest way: register, the confirmation link read from the outbox, verifyEmail.
 */
export async function signUp(client: GraphQLClient, displayName = 'Dominique Test', email = uniqueEmail()) {
  await client.data(REGISTER, { input: { email, password: STRONG_PASSWORD, displayName } });
  const orm = databasesByUrl.get(client.baseUrl);
  if (!orm) throw new Error('signUp needs a client of an app started by startTestApp (or given to readEmailsOf)');
  const token = await linkTokenSentTo(orm.em.fork(), email, '/inscription/confirmer/');
  const { verifyEmail } = await client.data<{ verifyEmail: { id: string; email: string; displayName: string } }>(VERIFY_EMAIL, {
    input: { token },
  });
  return verifyEmail;
}

/** Gives a platform role directly in the database (what `npm run cli -- grant-role` does). */
export async function grantRoleInDb(app: TestApp, userId: string, role: 'member' | 'moderator' | 'admin'): Promise<void> {
  await app.orm.em.getConnection().execute(`update app_user set role = ? where id = ?`, [role, userId]);
}

/** A new account made platform admin, signed in on its own client. */
export async function signUpAdmin(app: TestApp, displayName: string): Promise<GraphQLClient> {
  const admin = app.client();
  const { id } = await signUp(admin, displayName);
  await grantRoleInDb(app, id, 'admin');
  return admin;
}

/**
 * Makes an account an established one (created a month ago), past the first-week posting limit:
 * for tests that publish many items with one account.
 */
export async function establishAccountInDb(app: TestApp, userId: string): Promise<void> {
  await app.orm.em.getConnection().execute(`update app_user set created_at = now() - interval '30 days' where id = ?`, [userId]);
}
