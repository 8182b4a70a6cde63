import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Request, RequestHandler } from 'express';

/**
 * Who is asking: the visitor's address, as Express computes it (`req.ip`) from the socket and the
 * `trust proxy` setting (TRUST_PROXY, README "Derrière un proxy inverse"), and nothing a visitor
 * can choose. Sign-in and sign-up limits count per address (sign-in-throttle.ts), so a forged
 * X-Forwarded-For must change nothing.
 *
 * Pages reach the API in two hops: visitor → Express → SvelteKit (same process) → loopback HTTP →
 * /graphql. For the second hop the API's own `req.ip` would be 127.0.0.1 for everyone, so:
 * - Express writes the address it computed into CLIENT_ADDRESS_HEADER on every request it hands to
 *   the web app (overwriting whatever came in), and main.ts points adapter-node's ADDRESS_HEADER
 *   at it, so `event.getClientAddress()` is that address;
 * - the web app's API client (web/src/lib/server/api.ts) forwards it with INTERNAL_SECRET_HEADER,
 *   a random secret of this process (MAILLAGE_INTERNAL_SECRET, set before the web app loads);
 * - the API believes a forwarded address only with the right secret; otherwise it uses `req.ip`.
 */
export const CLIENT_ADDRESS_HEADER = 'x-maillage-client-address';
export const INTERNAL_SECRET_HEADER = 'x-maillage-internal';
const SECRET_VARIABLE = 'MAILLAGE_INTERNAL_SECRET';

/**
 * The secret shared with the web app through the environment. Random for each process unless the
 * operator sets MAILLAGE_INTERNAL_SECRET (at least 32 characters), for a web app run on its own.
 */
export function internalSecret(): string {
  const configured = process.env[SECRET_VARIABLE];
  if (configured && configured.length >= 32) return configured;
  const secret = randomBytes(32).toString('base64url');
  process.env[SECRET_VARIABLE] = secret;
  return secret;
}

function sameSecret(given: string): boolean {
  const expected = Buffer.from(internalSecret());
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) is 192.0.2.1. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/**
 * Express's `trust proxy` from TRUST_PROXY: a hop count ("1"), or names and CIDRs ("loopback",
 * "10.0.0.0/8, fd00::/8"); unset, only a proxy on this host. "true" (trust everyone) is refused:
 * Express would then take the left-most X-Forwarded-For entry, which the visitor writes.
 */
export function trustProxy(value: string | undefined): number | string | false {
  const setting = value?.trim();
  if (!setting) return 'loopback';
  if (/^\d+$/.test(setting)) return Number(setting);
  if (setting === 'false') return false;
  if (setting === 'true') {
    throw new Error('TRUST_PROXY=true would let any visitor choose their address: give the hop count (1) or the proxy addresses');
  }
  return setting;
}

/** The address of the person behind an API request. */
export function clientAddress(req: Request): string {
  const forwarded = req.get(CLIENT_ADDRESS_HEADER);
  const secret = req.get(INTERNAL_SECRET_HEADER);
  if (forwarded && secret && isIP(forwarded) && sameSecret(secret)) return plainAddress(forwarded);
  return plainAddress(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/** Before the web app: the address Express trusts, in the one header the web app reads it from. */
export const tellWebTheClientAddress: RequestHandler = (req, _res, next) => {
  req.headers[CLIENT_ADDRESS_HEADER] = plainAddress(req.ip ?? req.socket.remoteAddress ?? '');
  delete req.headers[INTERNAL_SECRET_HEADER];
  next();
};
