import * as oidc from 'openid-client';
import type { ProConnectConfig } from '../../config.js';

/**
 * The OpenID Connect side of "Se connecter avec ProConnect", with openid-client: the provider's
 * discovery (cached), the authorization URL (PKCE S256, state, nonce), and the callback (code →
 * tokens → claims, every check made by the library). docs/comptes.md tells the whole journey.
 */

/** What ProConnect is asked for: the identity "pivot" and the SIRET of the person's organization. */
export const PROCONNECT_SCOPE = 'openid email given_name usual_name siret';

const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const DISCOVERY_TIMEOUT_S = 10;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface CachedDiscovery {
  key: string;
  at: number;
  configuration: Promise<oidc.Configuration>;
}
let cached: CachedDiscovery | null = null;

async function discover(settings: ProConnectConfig): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  // Plain http only for a provider on this machine (a test or a local provider), never across a network.
  const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
  const discoverOnce = () =>
    oidc.discovery(issuer, settings.clientId, { client_secret: settings.clientSecret }, oidc.ClientSecretPost(settings.clientSecret), {
      timeout: DISCOVERY_TIMEOUT_S,
      execute: insecure ? [oidc.allowInsecureRequests] : [],
    });
  try {
    return await discoverOnce();
  } catch {
    // One quick second try (a dropped connection); after that the click answers "indisponible".
    await new Promise((resolve) => setTimeout(resolve, 300));
    return discoverOnce();
  }
}

/**
 * The provider's configuration, fetched once an hour per process. A failed discovery is not kept:
 * the next sign-in tries again.
 */
export function proConnectConfiguration(settings: ProConnectConfig): Promise<oidc.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  if (cached && cached.key === key && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
  const entry: CachedDiscovery = { key, at: Date.now(), configuration: discover(settings) };
  cached = entry;
  entry.configuration.catch(() => {
    if (cached === entry) cached = null;
  });
  return entry.configuration;
}

/** What the browser keeps (signed, HttpOnly) between the click and the provider's answer. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go once signed in (a path of this site). */
  retour: string;
}

export async function startSignIn(
  settings: ProConnectConfig,
  redirectUri: string,
  retour: string,
): Promise<{ url: URL; pending: PendingSignIn }> {
  const configuration = await proConnectConfiguration(settings);
  const pending: PendingSignIn = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    retour,
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: PROCONNECT_SCOPE,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, pending };
}

/**
 * The provider's answer at the callback: exchanges the code (PKCE), validates the ID token (issuer,
 * audience, signature, expiry, nonce) and reads the userinfo (ProConnect signs it as a JWT; the
 * library checks that signature too). Returns the claims, userinfo over the ID token's.
 */
export async function finishSignIn(
  settings: ProConnectConfig,
  callbackUrl: URL,
  pending: PendingSignIn,
): Promise<{ claims: Record<string, unknown> & { sub: string }; idToken: string | undefined }> {
  const configuration = await proConnectConfiguration(settings);
  const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('ProConnect sent no ID token');
  const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
  return { claims: { ...idClaims, ...userinfo, sub: idClaims.sub }, idToken: tokens.id_token };
}

/**
 * Where to send the browser to sign out at the provider too (RP-initiated logout): its
 * `end_session_endpoint` with the session's ID token as `id_token_hint`, the address to come back
 * to and a `state`. Null when the provider publishes no end-session endpoint.
 */
export async function endSessionUrl(
  settings: ProConnectConfig,
  idToken: string,
  postLogoutRedirectUri: string,
  state: string,
): Promise<URL | null> {
  const configuration = await proConnectConfiguration(settings);
  if (!configuration.serverMetadata().end_session_endpoint) return null;
  return oidc.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri, state });
}

export const randomState = oidc.randomState;

export function isProviderUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    error.name === 'TimeoutError' ||
    error.name === 'AbortError' ||
    (error instanceof TypeError && /fetch failed/i.test(error.message)) ||
    code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' ||
    (error.cause instanceof Error && isProviderUnreachable(error.cause))
  );
}

export { AuthorizationResponseError } from 'openid-client';
