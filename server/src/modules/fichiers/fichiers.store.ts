/**
 * Where the bytes of a file live (docs/fichiers.md). PostgreSQL by default: the `content` column of
 * `stored_file`, shared by every process and included in the database's backups. With S3_ENDPOINT and
 * S3_BUCKET, an S3-compatible bucket, the object's key kept in `storage_key`.
 *
 * The S3 store is small on purpose; tests/api/fichiers-s3.test.ts runs it against a real S3-compatible server
 * (s3rver, in the test's process); tests/api/fichiers.test.ts covers the PostgreSQL store, through two server processes.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { S3Config } from '../../config.js';
import { afterCommit } from '../../db/after-commit.js';
import { queryOne, sql } from '../../db/sql.js';
import { logger } from '../../logger.js';

/** What goes into the file's row: the bytes themselves, or the key of the object holding them. */
export interface StoredBytes {
  content: Buffer | null;
  storageKey: string | null;
}

export interface FileStore {
  readonly kind: 'postgresql' | 's3';
  /** Keeps the bytes of the new file `id`; returns what its row holds. */
  save(id: string, bytes: Buffer, contentType: string): Promise<StoredBytes>;
  /** The bytes of the file, or null when they are gone. */
  read(em: EntityManager, file: { id: string; storageKey: string | null }): Promise<Buffer | null>;
  /** Called once the row's deletion is committed (the PostgreSQL bytes went with it): see removeAfterCommit. */
  remove(file: { storageKey: string | null }): Promise<void>;
}

export const postgresStore: FileStore = {
  kind: 'postgresql',
  async save(_id, bytes) {
    return { content: bytes, storageKey: null };
  },
  async read(em, file) {
    const row = await queryOne<{ content: Buffer | null }>(em, sql`select content from stored_file where id = ${file.id}`);
    return row?.content ?? null;
  },
  async remove() {},
};

export function s3Store(config: S3Config): FileStore {
  // Loaded only when a bucket is configured: the SDK is big and the default store does not need it.
  const client = import('@aws-sdk/client-s3').then((s3) => ({
    s3,
    client: new s3.S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: true,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
    }),
  }));
  return {
    kind: 's3',
    async save(id, bytes, contentType) {
      const { s3, client: c } = await client;
      const key = `fichiers/${id}`;
      await c.send(new s3.PutObjectCommand({ Bucket: config.bucket, Key: key, Body: bytes, ContentType: contentType }));
      return { content: null, storageKey: key };
    },
    async read(em, file) {
      // A file uploaded before the bucket was configured is still in PostgreSQL.
      if (!file.storageKey) return postgresStore.read(em, file);
      const { s3, client: c } = await client;
      try {
        const answer = await c.send(new s3.GetObjectCommand({ Bucket: config.bucket, Key: file.storageKey }));
        return answer.Body ? Buffer.from(await answer.Body.transformToByteArray()) : null;
      } catch (error) {
        // The object left the bucket (removed by hand, a lifecycle rule): the file is gone, a 404, not a 500.
        if (error instanceof s3.NoSuchKey) return null;
        throw error;
      }
    },
    async remove(file) {
      if (!file.storageKey) return;
      const { s3, client: c } = await client;
      try {
        await c.send(new s3.DeleteObjectCommand({ Bucket: config.bucket, Key: file.storageKey }));
      } catch (error) {
        // The row is already gone, so the file is too for everyone: a bucket out of reach leaves an unreachable
        // object behind (logged, to be cleaned by hand), never a failed change of logo or deletion of an account.
        logger.warn({ err: error, key: file.storageKey }, 'an uploaded file could not be deleted from the S3 bucket');
      }
    },
  };
}

let current: FileStore = postgresStore;

/** Chosen once from the configuration when the routes are mounted (fichiers.http.ts). */
export function useFileStore(config: { s3?: S3Config }): FileStore {
  current = config.s3 ? s3Store(config.s3) : postgresStore;
  return current;
}

export function fileStore(): FileStore {
  return current;
}

/**
 * The bytes of deleted rows, removed once the deletion is committed: a rollback keeps the row, and then its
 * object too (db/after-commit.ts). Outside a transaction, at once.
 */
export function removeAfterCommit(em: EntityManager, rows: ReadonlyArray<{ storage_key: string | null }>): Promise<void> {
  const store = fileStore();
  const keys = rows.map((row) => row.storage_key).filter((key): key is string => key !== null);
  if (keys.length === 0) return Promise.resolve();
  return afterCommit(
    em,
    async () => {
      for (const storageKey of keys) await store.remove({ storageKey });
    },
    'uploaded files not removed from the store',
  );
}
