import { env } from '$env/dynamic/private';

/** "Se connecter avec ProConnect" is offered when the server has its three settings (as the API reads them). */
export function proConnectEnabled(): boolean {
  return Boolean(env.PROCONNECT_ISSUER && env.PROCONNECT_CLIENT_ID && env.PROCONNECT_CLIENT_SECRET);
}

const ERRORS = new Set([
  'proconnect-annule',
  'proconnect-session',
  'proconnect-indisponible',
  'proconnect-echec',
  'proconnect-email',
  'proconnect-suspendu',
  'proconnect-ferme',
]);

/**
 * Why the last ProConnect attempt failed, from `?erreur=proconnect-…` (set by the API's callback).
 * Only known codes: the page shows its own sentence, never text from the address bar.
 */
export function proConnectError(url: URL): { code: string; until: string | null } | null {
  const code = url.searchParams.get('erreur');
  if (!code || !ERRORS.has(code)) return null;
  const until = url.searchParams.get('jusqua');
  return { code, until: until && !Number.isNaN(Date.parse(until)) ? until : null };
}
