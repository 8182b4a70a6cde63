import pg from 'pg';
import { randomBytes } from 'node:crypto';

/**
 * A throw-away database on the same server as `baseUrl` (for tests and for generating migrations).
 * Returns its URL and a function that drops it.
 */
export async function createScratchDatabase(
  baseUrl: string,
  prefix: string,
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"${template ? ` template "${template}"` : ''}`);
  } finally {
    await admin.end();
  }
  return existingDatabase(baseUrl, name);
}

/** The database `name` on the same server as `baseUrl`: its URL and a function that drops it. */
export function existingDatabase(baseUrl: string, name: string): { url: string; drop: () => Promise<void> } {
  return {
    url: withDatabase(baseUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
