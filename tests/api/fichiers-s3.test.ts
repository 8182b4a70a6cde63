import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { pdf } from '../helpers/documents.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteOrphanUploads, releaseFile } from '../../server/src/modules/fichiers/fichiers.service.js';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

/**
 * Uploads kept in an S3 bucket (S3_ENDPOINT, S3_BUCKET: modules/fichiers/fichiers.store.ts) against a real
 * S3-compatible server running in this process (s3rver, path-style addressing, the app's own @aws-sdk/client-s3):
 * the object is in the bucket, not in PostgreSQL; it is served back with the usual headers; it leaves the bucket
 * when its upload is removed (orphan after 24 hours, a replaced logo), once that removal is committed.
 */

const BUCKET = 'maillage-fichiers';
let s3server: S3rver;
let directory: string;
let s3: S3Client;
let app: TestApp;
let member: GraphQLClient;

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-s3-'));
  s3server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  app = await startTestApp({ config: { s3: { endpoint, bucket: BUCKET, region: 'us-east-1', ...credentials } } });
  member = app.client();
  await signUp(member, 'Dominique Seau');
});
afterAll(async () => {
  await app?.close();
  s3?.destroy();
  await s3server?.close();
  if (directory) fs.rmSync(directory, { recursive: true, force: true });
});

const cookieOf = (client: GraphQLClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

async function upload(bytes: Buffer, name: string, purpose: string) {
  const form = new FormData();
  form.set('purpose', purpose);
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${app.url}/api/fichiers`, {
    method: 'POST',
    body: form,
    headers: { accept: 'application/json', origin: app.url, cookie: cookieOf(member) },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; url: string; thumbnailUrl: string | null; contentType: string; size: number };
}

/** The object's bytes and type in the bucket, read with the SDK; null when it is not there. */
async function objectOf(key: string): Promise<{ bytes: Buffer; contentType: string | undefined } | null> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return { bytes: Buffer.from(await answer.Body!.transformToByteArray()), contentType: answer.ContentType };
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return null;
    throw error;
  }
}

async function rowsOf(id: string) {
  return (await app.orm.em
    .getConnection()
    .execute(
      `select id, storage_key, content is null as no_content, sha256 from stored_file where id = ? or variant_of_id = ? order by variant_of_id nulls first`,
      [id, id],
    )) as Array<{ id: string; storage_key: string | null; no_content: boolean; sha256: string }>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const picture = (background: string) =>
  sharp({ create: { width: 900, height: 600, channels: 3, background } })
    .png()
    .toBuffer();

describe('uploads in an S3 bucket', () => {
  it('keeps an image and its thumbnail in the bucket, not in PostgreSQL, and serves them back with their headers', async () => {
    const photo = await upload(await picture('#16a34a'), 'atelier.png', 'image');
    const [original, thumbnail] = await rowsOf(photo.id);
    expect(original).toMatchObject({ storage_key: `fichiers/${photo.id}`, no_content: true });
    expect(thumbnail.storage_key).toBe(`fichiers/${thumbnail.id}`);
    expect(thumbnail.no_content).toBe(true);

    const stored = await objectOf(original.storage_key!);
    expect(stored?.contentType).toBe('image/png');
    expect(sha256(stored!.bytes)).toBe(original.sha256);
    expect((await sharp(stored!.bytes).metadata()).width).toBe(900);
    expect((await objectOf(thumbnail.storage_key!))?.contentType).toBe('image/webp');

    const served = await fetch(`${app.url}${photo.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(served.headers.get('content-disposition')).toMatch(/^inline; filename="atelier.png"/);
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('etag')).toBe(`"${original.sha256}"`);
    expect(Buffer.from(await served.arrayBuffer()).equals(stored!.bytes)).toBe(true);

    const part = await fetch(`${app.url}${photo.url}`, { headers: { range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(stored!.bytes.subarray(0, 8))).toBe(true);

    const small = await fetch(`${app.url}${photo.thumbnailUrl}`);
    expect(small.status).toBe(200);
    expect(small.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await small.arrayBuffer())).metadata()).width).toBe(400);
  });

  it('keeps a document as sent and serves it as an attachment', async () => {
    const bytes = await pdf('Compte rendu de l’atelier du seau');
    const document = await upload(bytes, 'compte-rendu.pdf', 'attachment');
    const [row] = await rowsOf(document.id);
    expect((await objectOf(row.storage_key!))?.bytes.equals(bytes)).toBe(true);
    const served = await fetch(`${app.url}${document.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename="compte-rendu.pdf"/);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('removes the objects of an upload never used after 24 hours, and of a replaced logo', async () => {
    const orphan = await upload(await picture('#dc2626'), 'jamais-utilise.png', 'image');
    const orphanKeys = (await rowsOf(orphan.id)).map((row) => row.storage_key!);
    expect(orphanKeys).toHaveLength(2);
    await app.orm.em.getConnection().execute(`update stored_file set created_at = now() - interval '25 hours' where id = ?`, [orphan.id]);
    expect(await deleteOrphanUploads(app.orm.em.fork())).toBe(2);
    for (const key of orphanKeys) expect(await objectOf(key)).toBeNull();
    expect((await fetch(`${app.url}${orphan.url}`)).status).toBe(404);

    const { createOrganization } = await member.data(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: 'Espace numérique du Seau' } },
    );
    const UPDATE = `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { logo { fileId url } } }`;
    const first = await upload(await picture('#1d4ed8'), 'logo.png', 'logo');
    await member.data(UPDATE, { input: { id: createOrganization.id, logoFileId: first.id, logoAlt: 'Un seau bleu' } });
    const firstKeys = (await rowsOf(first.id)).map((row) => row.storage_key!);
    for (const key of firstKeys) expect(await objectOf(key)).not.toBeNull();

    const second = await upload(await picture('#9333ea'), 'logo-violet.png', 'logo');
    const { updateOrganization } = await member.data(UPDATE, {
      input: { id: createOrganization.id, logoFileId: second.id, logoAlt: 'Un seau violet' },
    });
    expect(updateOrganization.logo.fileId).toBe(second.id);
    for (const key of firstKeys) expect(await objectOf(key)).toBeNull();
    expect((await fetch(`${app.url}${first.url}`)).status).toBe(404);
    expect((await fetch(`${app.url}${updateOrganization.logo.url}`)).status).toBe(200);
  });

  it('removes the objects only once the change that let the file go is committed, never after a rollback', async () => {
    const photo = await upload(await picture('#0891b2'), 'annule.png', 'image');
    const keys = (await rowsOf(photo.id)).map((row) => row.storage_key!);
    await app.orm.em
      .fork()
      .transactional(async (tx) => {
        await releaseFile(tx, photo.id);
        throw new Error('the change fails after the file was let go');
      })
      .catch(() => undefined);
    expect(await rowsOf(photo.id)).toHaveLength(2);
    for (const key of keys) expect(await objectOf(key)).not.toBeNull();
    expect((await fetch(`${app.url}${photo.url}`)).status).toBe(200);

    await app.orm.em.fork().transactional(async (tx) => {
      await releaseFile(tx, photo.id);
      // Not before the commit: until then the row, and so the file, is still there for every other request.
      for (const key of keys) expect(await objectOf(key)).not.toBeNull();
    });
    for (const key of keys) expect(await objectOf(key)).toBeNull();
    expect((await fetch(`${app.url}${photo.url}`)).status).toBe(404);
  });

  it('answers 404, not an error, for a file whose object left the bucket', async () => {
    const photo = await upload(await picture('#f59e0b'), 'perdu.png', 'image');
    const [row] = await rowsOf(photo.id);
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: row.storage_key! }));
    await expect(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: row.storage_key! }))).rejects.toThrow();
    const served = await fetch(`${app.url}${photo.url}`);
    expect(served.status).toBe(404);
    expect(await served.text()).toBe('Ce fichier n’existe pas ou plus.');
  });
});
