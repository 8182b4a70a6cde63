import { env as privateEnv } from '$env/dynamic/private';
import { env } from '$env/dynamic/public';

/** OpenStreetMap's tiles unless the deployment names its own server (README, PUBLIC_MAP_TILES_URL). */
export const DEFAULT_MAP_TILES_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** The tile address template the map uses. */
export function mapTilesUrl(): string {
  return env.PUBLIC_MAP_TILES_URL || DEFAULT_MAP_TILES_URL;
}

/** The origin (scheme, host, port) of the tile server, or null when the template is not a web address. */
export function mapTilesOrigin(template = mapTilesUrl()): string | null {
  try {
    const url = new URL(template.replace(/\{[a-z]+\}/gi, '0'));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Adds `sources` to the directives named in a Content-Security-Policy header value: the policy is
 * written at build time (web/svelte.config.js) and the map's tile server is only known at run time.
 */
export function allowInPolicy(policy: string, directives: string[], sources: string[]): string {
  return policy
    .split(';')
    .map((part) => {
      const [name] = part.trim().split(/\s+/);
      if (!directives.includes(name)) return part;
      const missing = sources.filter((source) => !part.trim().split(/\s+/).includes(source));
      return missing.length ? `${part.trimEnd()} ${missing.join(' ')}` : part;
    })
    .join(';');
}

/** The origin of the ProConnect provider when it is configured (PROCONNECT_ISSUER), else null. */
function proConnectOrigin(): string | null {
  try {
    const url = new URL(privateEnv.PROCONNECT_ISSUER ?? '');
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** A page's response with the map's tile server allowed for images and fetches (MapLibre loads tiles with fetch). */
export function withMapTiles(response: Response): Response {
  const policy = response.headers.get('content-security-policy');
  const origin = mapTilesOrigin();
  const provider = proConnectOrigin();
  if (!policy || (!origin && !provider)) return response;
  let allowed = origin ? allowInPolicy(policy, ['img-src', 'connect-src'], [origin]) : policy;
  // "Se déconnecter" (a form) ends at ProConnect's end-session endpoint for a ProConnect session: browsers
  // apply form-action to the redirects that follow a form, so the provider is allowed there.
  if (provider) allowed = allowInPolicy(allowed, ['form-action'], [provider]);
  try {
    response.headers.set('content-security-policy', allowed);
    return response;
  } catch {
    // A response with immutable headers: copy it.
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', allowed);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
