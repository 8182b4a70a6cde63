import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID Connect provider for the tests (the `oidc-provider` package), standing in for
 * ProConnect on a loopback port: authorization code with PKCE required, the claims ProConnect
 * gives (email, given_name, usual_name, siret), the userinfo signed as a JWT as ProConnect does, and
 * its development login page, which accepts any login (the login is the account's id, `sub`).
 * No consent step: ProConnect has none either.
 */

export interface TestIdentity {
  email?: string;
  given_name?: string;
  usual_name?: string;
  siret?: string;
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the provider says about each login (its `sub`); an unknown login that looks like an e-mail is that e-mail. */
  identities: Map<string, TestIdentity>;
  /**
   * Registers the client of the app under test, with its callback address (call once the app's port
   * is known); the address the provider comes back to after signing out is the callback's sibling
   * `…/deconnexion`.
   */
  allowRedirectUri(uri: string): void;
  close(): Promise<void>;
}

const SCOPES = ['openid', 'email', 'given_name', 'usual_name', 'siret'];

export async function startOidcProvider(): Promise<OidcTestProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end('provider not configured yet');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const identities = new Map<string, TestIdentity>();
  const clientId = 'maillage-test';
  const clientSecret = 'un secret de test assez long pour le client maillage';

  // The provider's own signing key (ProConnect signs the ID token and the userinfo).
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'test-key' };

  const claimsOf = (sub: string): TestIdentity => identities.get(sub) ?? (sub.includes('@') ? { email: sub } : {});

  return {
    issuer,
    clientId,
    clientSecret,
    identities,
    allowRedirectUri(uri: string) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [uri],
            post_logout_redirect_uris: [uri.replace(/\/callback$/, '/deconnexion')],
            response_types: ['code'],
            grant_types: ['authorization_code'],
            token_endpoint_auth_method: 'client_secret_post',
            userinfo_signed_response_alg: 'RS256',
          },
        ],
        claims: { openid: ['sub'], email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'], siret: ['siret'] },
        scopes: SCOPES,
        pkce: { required: () => true },
        cookies: { keys: ['cle de test des cookies du fournisseur'] },
        jwks: { keys: [signingKey] },
        ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
        features: { devInteractions: { enabled: true }, jwtUserinfo: { enabled: true } },
        async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
          return { accountId: sub, claims: async () => ({ sub, ...claimsOf(sub) }) };
        },
        // Grants what the client asks at once (ProConnect shows no consent screen).
        async loadExistingGrant(ctx: KoaContextWithOIDC) {
          const { client, session, params } = ctx.oidc;
          if (!client || !session?.accountId) return undefined;
          const existing = session.grantIdFor(client.clientId);
          if (existing) return ctx.oidc.provider.Grant.find(existing);
          const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
          grant.addOIDCScope(String(params?.scope ?? 'openid'));
          await grant.save();
          return grant;
        },
      });
      handler = provider.callback();
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A person's browser over plain HTTP: follows nothing by itself, keeps cookies like a browser on
 * 127.0.0.1 (the app and the provider are on the same host, other ports: cookies are shared, as in
 * a real browser).
 */
export class TestBrowser {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  cookie(name: string): string | undefined {
    for (const [key, cookie] of this.cookies) if (key.startsWith(`${name};`)) return cookie.value;
    return undefined;
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.cookies.set(`${name};${path}`, { value, path });
  }

  async fetch(url: string | URL, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> {
    const target = new URL(url);
    const cookie = [...this.cookies]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([key, c]) => `${key.slice(0, key.indexOf(';'))}=${c.value}`)
      .join('; ');
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      body: init.body,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), 'user-agent': 'Mozilla/5.0 (test) Firefox/140.0' },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const expired = attributes.some((a) => /^expires=thu, 01 jan 1970/i.test(a) || /^max-age=0$/i.test(a));
      if (expired || value === '') this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { value, path });
    }
    return response;
  }

  /** Follows redirects from `url` until `stop(url)` is true for the next address (not fetched) or a page answers. */
  async follow(url: string | URL, stop: (next: URL) => boolean = () => false): Promise<{ url: URL; response: Response | null }> {
    let current = new URL(url);
    for (let hops = 0; hops < 20; hops += 1) {
      const response = await this.fetch(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      await response.arrayBuffer();
      current = new URL(location, current);
      if (stop(current)) return { url: current, response: null };
    }
    throw new Error('too many redirects');
  }

  /**
   * On the provider's sign-out page (RP-initiated logout asks "Do you want to sign-out?"): posts its
   * form with "Yes, sign me out". Returns the provider's answer (a redirect back to the site).
   */
  async confirmLogoutAtProvider(logoutPage: URL, html: string): Promise<Response> {
    const form = /<form id="op\.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"\/>/.exec(html);
    if (!form) throw new Error('no sign-out form on the provider page');
    return this.fetch(new URL(form[1], logoutPage), { method: 'POST', body: new URLSearchParams({ xsrf: form[2], logout: 'yes' }) });
  }

  /** On the provider's development login page: types `login` and submits (any login is accepted). */
  async logInAtProvider(loginPage: URL, login: string): Promise<Response> {
    return this.fetch(loginPage, { method: 'POST', body: new URLSearchParams({ prompt: 'login', login, password: 'peu importe' }) });
  }
}
