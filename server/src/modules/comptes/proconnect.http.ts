import { createHmac, timingSafeEqual } from 'node:crypto';
import cookieParser from 'cookie-parser';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Express, Request, Response } from 'express';
import type { AppConfig, ProConnectConfig } from '../../config.js';
import { sessionToken, setSessionCookie } from '../../http/session-cookie.js';
import { logger } from '../../logger.js';
import type { HttpRouteDeps } from '../commun/section.js';
import { findSession, logout } from './comptes.service.js';
import {
  AuthorizationResponseError,
  endSessionUrl,
  finishSignIn,
  isProviderUnreachable,
  randomState,
  startSignIn,
  type PendingSignIn,
} from './proconnect.client.js';
import { Session } from './session.entity.js';
import { ProConnectRefused, signInWithProConnect } from './proconnect.service.js';

/**
 * "Se connecter avec ProConnect": `GET /auth/proconnect` sends the browser to the provider,
 * `GET /auth/proconnect/callback` receives it back, signs the person in and sends them on. Both
 * answer 404 when ProConnect is not configured. Every failure lands on `/connexion?erreur=proconnect-…`,
 * where the page says what happened in plain words.
 */
export const PROCONNECT_PATH = '/auth/proconnect';
const CALLBACK_PATH = `${PROCONNECT_PATH}/callback`;
/** The sign-in under way (state, nonce, PKCE verifier, where to go back): signed, HttpOnly, 10 minutes. */
const PENDING_COOKIE = 'maillage_proconnect';
const PENDING_MINUTES = 10;
/** Where the provider sends the browser back after signing out there too. */
export const SIGNED_OUT_PATH = `${PROCONNECT_PATH}/deconnexion`;
/** The sign-out under way at the provider (its `state`): signed, HttpOnly, 10 minutes. */
const LOGOUT_COOKIE = 'maillage_proconnect_deconnexion';
/** The home page says "Vous êtes déconnecté de Maillage et de ProConnect." */
const SIGNED_OUT_PAGE = '/?deconnexion=proconnect';

/** After sign-in, proposes joining the organization whose SIRET ProConnect gave (the page asks réseau). */
const STRUCTURE_PAGE = '/connexion/proconnect/structure';

type ErrorCode = 'annule' | 'session' | 'indisponible' | 'echec' | 'email' | 'suspendu' | 'ferme';

/** Only paths of this site, so a crafted link cannot send people elsewhere after signing in. */
function safeReturnPath(raw: unknown): string {
  return typeof raw === 'string' && raw.length <= 500 && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : '/';
}

/** `<PUBLIC_URL>` without its final slash, or the request's own origin when PUBLIC_URL is unset (development). */
function origin(req: Request, config: AppConfig): string {
  return (config.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '');
}

/** `<PUBLIC_URL>/auth/proconnect/callback`. */
function redirectUri(req: Request, config: AppConfig): string {
  return origin(req, config) + CALLBACK_PATH;
}

type Purpose = 'pending' | 'logout';

// The key signing the cookies comes from the client secret: every process of a deployment shares it.
// Each cookie has its own key, so one cannot stand for the other.
function sign(settings: ProConnectConfig, purpose: Purpose, payload: string): string {
  return createHmac('sha256', `maillage proconnect ${purpose} ${settings.clientSecret}`).update(payload).digest('base64url');
}

function signedCookieValue(settings: ProConnectConfig, purpose: Purpose, value: object): string {
  const payload = Buffer.from(JSON.stringify({ ...value, exp: Date.now() + PENDING_MINUTES * 60_000 })).toString('base64url');
  return `${payload}.${sign(settings, purpose, payload)}`;
}

/** The cookie's content when its signature checks out and it has not expired, else null. */
function readSignedCookie(settings: ProConnectConfig, purpose: Purpose, req: Request, name: string): Record<string, unknown> | null {
  const raw = (req.cookies as Record<string, unknown> | undefined)?.[name];
  if (typeof raw !== 'string' || raw.length > 2000) return null;
  const [payload, signature] = raw.split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(settings, purpose, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown> & { exp: unknown };
    return typeof value.exp === 'number' && value.exp >= Date.now() ? value : null;
  } catch {
    return null;
  }
}

function pendingCookieValue(settings: ProConnectConfig, pending: PendingSignIn): string {
  return signedCookieValue(settings, 'pending', pending);
}

function readPendingCookie(settings: ProConnectConfig, req: Request): PendingSignIn | null {
  const value = readSignedCookie(settings, 'pending', req, PENDING_COOKIE);
  if (!value) return null;
  return {
    state: String(value.state),
    nonce: String(value.nonce),
    codeVerifier: String(value.codeVerifier),
    retour: safeReturnPath(value.retour),
  };
}

function cookieOptions(config: AppConfig) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: PROCONNECT_PATH };
}

function failed(res: Response, code: ErrorCode, retour: string, extra: Record<string, string> = {}): void {
  const params = new URLSearchParams({ erreur: `proconnect-${code}`, ...extra });
  if (retour !== '/') params.set('retour', retour);
  res.redirect(303, `/connexion?${params}`);
}

function notConfigured(res: Response): void {
  res.status(404).type('text/plain; charset=utf-8').send('La connexion avec ProConnect n’est pas proposée sur ce site.');
}

export function mountProConnectRoutes(app: Express, deps: HttpRouteDeps): void {
  const { config } = deps;

  app.get(PROCONNECT_PATH, async (req, res) => {
    const settings = config.proconnect;
    if (!settings) return notConfigured(res);
    const retour = safeReturnPath(req.query.retour);
    try {
      const { url, pending } = await startSignIn(settings, redirectUri(req, config), retour);
      res.cookie(PENDING_COOKIE, pendingCookieValue(settings, pending), { ...cookieOptions(config), maxAge: PENDING_MINUTES * 60_000 });
      res.set('cache-control', 'no-store').redirect(303, url.href);
    } catch (error) {
      logger.warn({ err: error }, 'proconnect: provider unreachable (discovery)');
      failed(res, 'indisponible', retour);
    }
  });

  app.get(CALLBACK_PATH, cookieParser(), async (req, res) => {
    const settings = config.proconnect;
    if (!settings) return notConfigured(res);
    res.set('cache-control', 'no-store');
    const pending = readPendingCookie(settings, req);
    // Single use: whatever happens next, this attempt is over.
    res.clearCookie(PENDING_COOKIE, cookieOptions(config));
    const retour = pending?.retour ?? '/';
    if (req.query.error === 'access_denied') return failed(res, 'annule', retour);
    // No attempt started in this browser, or another one (the state travels back unchanged): refused.
    if (!pending || req.query.state !== pending.state) return failed(res, 'session', retour);

    let claims;
    let idToken: string | undefined;
    try {
      const callbackUrl = new URL(redirectUri(req, config));
      callbackUrl.search = new URL(req.originalUrl, 'http://callback.invalid').search;
      ({ claims, idToken } = await finishSignIn(settings, callbackUrl, pending));
    } catch (error) {
      const unreachable = isProviderUnreachable(error);
      const denied = error instanceof AuthorizationResponseError && error.error === 'access_denied';
      logger.warn({ err: error }, 'proconnect: sign-in failed at the callback');
      return failed(res, unreachable ? 'indisponible' : denied ? 'annule' : 'echec', retour);
    }

    const em = deps.orm.em.fork();
    try {
      const previous = sessionToken(req);
      const previousSession = previous ? await findSession(em, previous) : null;
      const { token, siret } = await signInWithProConnect(
        em,
        claims,
        { ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') },
        idToken,
      );
      // The browser changes hands to this account: the session it had (maybe someone else's) ends.
      if (previousSession) await logout(em, previousSession.id);
      setSessionCookie(res, config, token);
      res.redirect(303, siret ? `${STRUCTURE_PAGE}?${new URLSearchParams({ retour })}` : retour);
    } catch (error) {
      if (error instanceof ProConnectRefused) {
        const { refusal } = error;
        const extra: Record<string, string> = refusal.reason === 'suspendu' && refusal.until ? { jusqua: refusal.until.toISOString() } : {};
        return failed(res, refusal.reason, retour, extra);
      }
      logger.error({ err: error }, 'proconnect: could not sign the person in');
      failed(res, 'echec', retour);
    }
  });

  // Back from signing out at the provider. The Maillage session already ended; the state only says
  // whether to tell the person that ProConnect's ended too. Anything else lands quietly on the home page.
  app.get(SIGNED_OUT_PATH, cookieParser(), (req, res) => {
    const settings = config.proconnect;
    if (!settings) return notConfigured(res);
    res.set('cache-control', 'no-store');
    const expected = readSignedCookie(settings, 'logout', req, LOGOUT_COOKIE);
    res.clearCookie(LOGOUT_COOKIE, cookieOptions(config));
    const state = req.query.state;
    const ok = expected !== null && typeof state === 'string' && typeof expected.state === 'string' && state === expected.state;
    if (!ok) logger.warn('proconnect: back from signing out without the expected state');
    res.redirect(303, ok ? SIGNED_OUT_PAGE : '/');
  });
}

/**
 * Signing out of a session opened with ProConnect: where to send the browser so that its ProConnect
 * session ends too (the provider's end-session endpoint, with the session's ID token as
 * `id_token_hint`), with the `state` kept in a signed cookie for the way back. Null for any other
 * session, when ProConnect is off, or when the provider cannot be reached (the Maillage sign-out
 * still happens). Call it before the session ends.
 */
export async function providerSignOutUrl(
  em: EntityManager,
  req: Request,
  res: Response,
  config: AppConfig,
  sessionId: string,
): Promise<string | null> {
  const settings = config.proconnect;
  if (!settings) return null;
  const session = await em.findOne(Session, { id: sessionId }, { populate: ['idToken'] });
  if (!session?.idToken) return null;
  try {
    const state = randomState();
    const url = await endSessionUrl(settings, session.idToken, origin(req, config) + SIGNED_OUT_PATH, state);
    if (!url) return null;
    res.cookie(LOGOUT_COOKIE, signedCookieValue(settings, 'logout', { state }), {
      ...cookieOptions(config),
      maxAge: PENDING_MINUTES * 60_000,
    });
    return url.href;
  } catch (error) {
    logger.warn({ err: error }, 'proconnect: cannot sign out at the provider (discovery)');
    return null;
  }
}
