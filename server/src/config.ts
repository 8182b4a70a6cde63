import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json, migrations/ and .data/ live). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface AppConfig {
  port: number;
  /** Unset: an embedded PostgreSQL is started in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  seedDemo: boolean;
  production: boolean;
  /** Public URL of the site, used in links sent to people (activation, calendars). */
  publicUrl?: string;
  /** Send the session cookie with `Secure` (behind HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  /** A GraphQL operation slower than this (milliseconds) is logged with its name and duration (SLOW_MS). */
  slowMs: number;
  /** SMTP server the e-mail outbox is drained to, e.g. smtp://user:pass@smtp.exemple.fr:587. Unset: e-mails wait in the outbox. */
  smtpUrl?: string;
  /** Sender of the e-mails. */
  mailFrom: string;
  /** "Se connecter avec ProConnect" (OpenID Connect); unset when any of its three variables is missing. */
  proconnect?: ProConnectConfig;
  /** Serve /metrics on this port of its own (on `metricsHost`), not on the main port. */
  metricsPort?: number;
  metricsHost: string;
  /** Serve /metrics on the main port to `Authorization: Bearer <token>` (when no `metricsPort`). */
  metricsToken?: string;
  /** On SIGTERM/SIGINT, how long the requests under way may take to finish before their connections are cut. */
  shutdownGraceMs: number;
  /** What time it is for "open now" and opening hours; only tests set it (a fixed instant), never the environment. */
  clock?: () => Date;
  /** Live updates over Redis pub/sub (REDIS_URL) instead of PostgreSQL LISTEN/NOTIFY. */
  redisUrl?: string;
  /** The channel live updates travel on (LIVE_CHANNEL): one per site when several share a database or a Redis. */
  liveChannel: string;
  /** The largest directory file the import page accepts, in bytes (IMPORT_MAX_MB, 50 by default). */
  importMaxBytes: number;
  /** Uploads (modules/fichiers): the largest file (UPLOAD_MAX_BYTES, 50 MB) and the largest image (UPLOAD_IMAGE_MAX_BYTES, 10 MB). */
  uploadMaxBytes: number;
  uploadImageMaxBytes: number;
  /** Uploaded files go to this S3-compatible bucket when S3_ENDPOINT and S3_BUCKET are set; else into PostgreSQL. */
  s3?: S3Config;
  /** Who publishes the site, for the "mentions légales" page (LEGAL_PUBLISHER, LEGAL_HOST, LEGAL_DIRECTOR, LEGAL_CONTACT). */
  legal: LegalConfig;
  /** The agenda on the fediverse (ActivityPub, modules/federation): on by default when PUBLIC_URL is https. */
  federation: FederationConfig;
}

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

export interface FederationConfig {
  enabled: boolean;
  /**
   * FEDERATION=1 on an http PUBLIC_URL (tests, two instances on loopback): remote servers on http and
   * private addresses are allowed. Never in production: it opens the server to SSRF.
   */
  allowPrivateAddress: boolean;
}

export interface LegalConfig {
  /** The publisher: name, legal form, address, SIRET. */
  publisher?: string;
  /** The host: name, address, phone. */
  host?: string;
  /** The director of publication. */
  director?: string;
  /** Where to write about the site, personal data and accessibility (an e-mail address or a form's address). */
  contact?: string;
}

export interface ProConnectConfig {
  /** The provider's issuer, e.g. https://auth.agentconnect.gouv.fr/api/v2 (its discovery document is under it). */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(projectRoot, env.MAILLAGE_DATA_DIR ?? '.data'),
    seedDemo: env.SEED_DEMO !== '0',
    production,
    publicUrl: env.PUBLIC_URL || undefined,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === '1' : (env.PUBLIC_URL ?? '').startsWith('https:'),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    slowMs: env.SLOW_MS && Number(env.SLOW_MS) >= 0 ? Number(env.SLOW_MS) : 1000,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Maillage <ne-pas-repondre@maillage.local>',
    proconnect:
      env.PROCONNECT_ISSUER && env.PROCONNECT_CLIENT_ID && env.PROCONNECT_CLIENT_SECRET
        ? { issuer: env.PROCONNECT_ISSUER, clientId: env.PROCONNECT_CLIENT_ID, clientSecret: env.PROCONNECT_CLIENT_SECRET }
        : undefined,
    metricsPort: env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined,
    metricsHost: env.METRICS_HOST || '127.0.0.1',
    metricsToken: env.METRICS_TOKEN || undefined,
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 10_000),
    redisUrl: env.REDIS_URL || undefined,
    liveChannel: env.LIVE_CHANNEL || 'maillage_live',
    importMaxBytes: Math.round((Number(env.IMPORT_MAX_MB) > 0 ? Number(env.IMPORT_MAX_MB) : 50) * 1024 * 1024),
    uploadMaxBytes: positiveBytes(env.UPLOAD_MAX_BYTES, 50 * 1024 * 1024),
    uploadImageMaxBytes: positiveBytes(env.UPLOAD_IMAGE_MAX_BYTES, 10 * 1024 * 1024),
    s3:
      env.S3_ENDPOINT && env.S3_BUCKET
        ? {
            endpoint: env.S3_ENDPOINT,
            bucket: env.S3_BUCKET,
            region: env.S3_REGION || 'us-east-1',
            accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
          }
        : undefined,
    federation: federationConfig(env),
    legal: {
      publisher: env.LEGAL_PUBLISHER?.trim() || undefined,
      host: env.LEGAL_HOST?.trim() || undefined,
      director: env.LEGAL_DIRECTOR?.trim() || undefined,
      contact: env.LEGAL_CONTACT?.trim() || undefined,
    },
  };
}

/**
 * FEDERATION=0 turns it off; else it is on when PUBLIC_URL is https. FEDERATION=1 also turns it on for
 * an http PUBLIC_URL on loopback (tests: two instances on 127.0.0.1), the only case where remote servers
 * on http and private addresses are reached.
 */
function federationConfig(env: NodeJS.ProcessEnv): FederationConfig {
  const publicUrl = env.PUBLIC_URL ? new URL(env.PUBLIC_URL) : null;
  if (!publicUrl || env.FEDERATION === '0') return { enabled: false, allowPrivateAddress: false };
  if (publicUrl.protocol === 'https:') return { enabled: true, allowPrivateAddress: false };
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(publicUrl.hostname);
  return env.FEDERATION === '1' && loopback ? { enabled: true, allowPrivateAddress: true } : { enabled: false, allowPrivateAddress: false };
}

function positiveBytes(value: string | undefined, fallback: number): number {
  const bytes = Number(value);
  return Number.isFinite(bytes) && bytes > 0 ? Math.round(bytes) : fallback;
}
