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
  };
}
