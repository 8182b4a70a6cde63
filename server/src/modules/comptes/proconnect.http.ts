import { createHmac, timingSafeEqual } from 'node:crypto';
import cookieParser from 'cookie-parser';
import type { Express, Request, Response } from 'express';
import type { AppConfig, ProConnectConfig } from '../../config.js';
import { sessionToken, setSessionCookie } from '../../http/session-cookie.js';
import { logger } from '../../logger.js';
import type { HttpRouteDeps } from '../commun/section.js';
import { findSession, logout } from './comptes.service.js';
import { AuthorizationResponseError, finishSignIn, isProviderUnreachable, startSignIn, type PendingSignIn } from './proconnect.client.js';
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

/** After sign-in, proposes joining the organization whose SIRET ProConnect gave (the page asks réseau). */
const STRUCTURE_PAGE = '/connexion/proconnect/structure';

type ErrorCode = 'annule' | 'session' | 'indisponible' | 'echec' | 'email' | 'suspendu' | 'ferme';

/** Only paths of this site, so a crafted link cannot send people elsewhere after signing in. */
function safeReturnPath(raw: unknown): string {
  return typeof raw === 'string' && raw.length <= 500 && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : '/';
}

/** `<PUBLIC_URL>/auth/proconnect/callback`, or the request's own origin when PUBLIC_URL is unset (development). */
function redirectUri(req: Request, config: AppConfig): string {
  const origin = (config.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '');
  return origin + CALLBACK_PATH;
}

// The key signing the pending cookie comes from the client secret: every process of a deployment shares it.
function sign(settings: ProConnectConfig, payload: string): string {
  return createHmac('sha256', `maillage proconnect pending ${settings.clientSecret}`).update(payload).digest('base64url');
}

function pendingCookieValue(settings: ProConnectConfig, pending: PendingSignIn): string {
  const payload = Buffer.from(JSON.stringify({ ...pending, exp: Date.now() + PENDING_MINUTES * 60_000 })).toString('base64url');
  return `${payload}.${sign(settings, payload)}`;
}

function readPendingCookie(settings: ProConnectConfig, req: Request): PendingSignIn | null {
  const raw = (req.cookies as Record<string, unknown> | undefined)?.[PENDING_COOKIE];
  if (typeof raw !== 'string' || raw.length > 2000) return null;
  const [payload, signature] = raw.split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(settings, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString()) as PendingSignIn & { exp: number };
    if (typeof value.exp !== 'number' || value.exp < Date.now()) return null;
    return { state: value.state, nonce: value.nonce, codeVerifier: value.codeVerifier, retour: safeReturnPath(value.retour) };
  } catch {
    return null;
  }
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
  res.status(404).type('text/plain; charset=utf-8').send("La connexion avec ProConnect n'est pas proposée sur ce site.");
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
    try {
      const callbackUrl = new URL(redirectUri(req, config));
      callbackUrl.search = new URL(req.originalUrl, 'http://callback.invalid').search;
      ({ claims } = await finishSignIn(settings, callbackUrl, pending));
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
      const { token, siret } = await signInWithProConnect(em, claims, { ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') });
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
}
