import type { Request, Response } from 'express';
import type { AppConfig } from '../config.js';
import { SESSION_DAYS } from '../modules/comptes/comptes.service.js';

export const SESSION_COOKIE = 'maillage_session';

/** HttpOnly (no script reads it), SameSite=Lax, Secure behind HTTPS. */
export function setSessionCookie(res: Response, config: AppConfig, token: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: SESSION_DAYS * 24 * 3600 * 1000,
  });
}

export function clearSessionCookie(res: Response, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' });
}

export function sessionToken(req: Request): string | undefined {
  const value = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
