import { env as privateEnv } from '$env/dynamic/private';
import { withHeader } from './headers';

/**
 * Adds `sources` to the directives named in a Content-Security-Policy header value: the policy is
 * written at build time (web/svelte.config.js) and the ProConnect provider is only known at run time.
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

/**
 * A page's response with the ProConnect provider allowed in form-action when it is configured. The map's tiles
 * need nothing: they come through this site (`/tuiles/…`, server/src/modules/reseau/tiles.http.ts).
 */
export function withRuntimeSources(response: Response): Response {
  const policy = response.headers.get('content-security-policy');
  const provider = proConnectOrigin();
  if (!policy || !provider) return response;
  // "Se déconnecter" (a form) ends at ProConnect's end-session endpoint for a ProConnect session: browsers
  // apply form-action to the redirects that follow a form, so the provider is allowed there.
  return withHeader(response, 'content-security-policy', allowInPolicy(policy, ['form-action'], [provider]));
}
