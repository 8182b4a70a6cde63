import { randomBytes } from 'node:crypto';
import { pdf } from '../helpers/documents.js';
import sharp from 'sharp';
import { createApp } from '../../server/src/app.js';
import { initORM } from '../../server/src/db/orm.js';
import { fichiersPrivacy } from '../../server/src/modules/fichiers/fichiers.privacy.js';
import { deleteOrphanUploads, extractedText, setFileVisibility } from '../../server/src/modules/fichiers/fichiers.service.js';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
/**
 * Uploads (server/src/modules/fichiers, docs/fichiers.md): what is accepted, from its content; images
 * re-encoded without their EXIF/GPS; documents' text; the headers files are served with; a file stored
 * through one server served by another on the same database; the sections' image fields and their alt text.
 */

let app: TestApp;
let member: GraphQLClient;
let memberId: string;
let other: GraphQLClient;
beforeAll(async () => {
  app = await startTestApp();
  member = app.client();
  memberId = (await signUp(member, 'Camille Fichiers')).id;
  other = app.client();
  await signUp(other, 'Sacha Autre');
});
afterAll(async () => {
  await app?.close();
});

const cookieOf = (client: GraphQLClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

async function upload(
  client: GraphQLClient | null,
  bytes: Buffer | string,
  name: string,
  options: { purpose?: string; type?: string; origin?: string | null; url?: string } = {},
) {
  const form = new FormData();
  if (options.purpose) form.set('purpose', options.purpose);
  form.set(
    'file',
    new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type: options.type ?? 'application/octet-stream' }),
    name,
  );
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.origin !== null) headers.origin = options.origin ?? options.url ?? app.url;
  if (client) headers.cookie = cookieOf(client);
  return fetch(`${options.url ?? app.url}/api/fichiers`, { method: 'POST', body: form, headers });
}

/** A photo as a phone takes it: EXIF with the camera and the GPS position, turned by its orientation tag. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 1000, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '47/1 13/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '1/1 33/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const UPDATE_ORGANIZATION = `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id logo { fileId url thumbnailUrl alt } } }`;

describe('an image uploaded', () => {
  let photo: { id: string; url: string; thumbnailUrl: string; width: number; height: number; contentType: string; name: string };

  it('is stored without its EXIF and GPS position, upright, 2000 px at most, with a 400 px thumbnail', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    expect(before.exif?.includes('PhoneMaker')).toBe(true);
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD pointer

    const response = await upload(member, original, 'photo-atelier.jpg', { purpose: 'image', type: 'image/jpeg' });
    expect(response.status).toBe(201);
    photo = await response.json();
    expect(photo).toMatchObject({ contentType: 'image/jpeg', name: 'photo-atelier.jpg', width: 667, height: 2000 });
    expect(photo.url).toBe(`/fichiers/${photo.id}/photo-atelier.jpg`);

    const served = await fetch(`${app.url}${photo.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    const after = await sharp(bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(bytes.includes('PhoneMaker')).toBe(false);
    expect([after.width, after.height, after.orientation]).toEqual([667, 2000, undefined]);

    const thumbnail = await fetch(`${app.url}${photo.thumbnailUrl}`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const small = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect([small.width, small.height, small.exif]).toEqual([133, 400, undefined]);
  });

  it('is served inline, never sniffed, sandboxed, cached for good with an ETag, and in ranges', async () => {
    const served = await fetch(`${app.url}${photo.url}`);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(served.headers.get('content-disposition')).toMatch(/^inline; filename="photo-atelier.jpg"/);
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = served.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await fetch(`${app.url}${photo.url}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const part = await fetch(`${app.url}${photo.url}`, { headers: { range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toHaveLength(10);
  });

  it('becomes an organization logo only with its alt text, and only for its own uploader', async () => {
    const { createOrganization } = await member.data(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id logo { fileId } } }`,
      { input: { name: 'Espace numérique des Fichiers' } },
    );
    expect(createOrganization.logo).toBeNull();
    const logo = await (await upload(member, await phonePhoto(), 'logo.jpg', { purpose: 'logo' })).json();

    const noAlt = await member.error(UPDATE_ORGANIZATION, { input: { id: createOrganization.id, logoFileId: logo.id } });
    expect(noAlt.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noAlt.extensions?.fields?.logoAlt).toMatch(/Décrivez l’image/);
    const tooLong = await member.error(UPDATE_ORGANIZATION, {
      input: { id: createOrganization.id, logoFileId: logo.id, logoAlt: 'x'.repeat(251) },
    });
    expect(tooLong.extensions?.fields?.logoAlt ?? tooLong.message).toMatch(/250/);

    // Someone else's upload cannot be used, even knowing its id.
    const { createOrganization: theirs } = await other.data(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: 'Tiers-lieu de Sacha' } },
    );
    const stolen = await other.error(UPDATE_ORGANIZATION, { input: { id: theirs.id, logoFileId: logo.id, logoAlt: 'Un logo' } });
    expect(stolen.extensions?.fields?.logoFileId).toMatch(/introuvable/);
    // Nor may they change the logo of an organization they do not edit.
    expect((await other.error(UPDATE_ORGANIZATION, { input: { id: createOrganization.id, logoFileId: null } })).extensions?.code).toBe(
      'FORBIDDEN',
    );

    const { updateOrganization } = await member.data(UPDATE_ORGANIZATION, {
      input: { id: createOrganization.id, logoFileId: logo.id, logoAlt: 'Une souris dessinée en rouge' },
    });
    expect(updateOrganization.logo).toEqual({
      fileId: logo.id,
      url: `/fichiers/${logo.id}/image`,
      thumbnailUrl: `/fichiers/${logo.id}/miniature`,
      alt: 'Une souris dessinée en rouge',
    });

    // Attached: the orphan clean-up leaves it, while an upload never used is removed after 24 hours.
    await app.orm.em
      .getConnection()
      .execute(`update stored_file set created_at = now() - interval '25 hours' where id in (?, ?)`, [logo.id, photo.id]);
    await deleteOrphanUploads(app.orm.em.fork());
    expect((await fetch(`${app.url}/fichiers/${logo.id}/image`)).status).toBe(200);
    expect((await fetch(`${app.url}${photo.url}`)).status).toBe(404);
    expect((await fetch(`${app.url}${photo.thumbnailUrl}`)).status).toBe(404);

    // A new logo replaces the old one, which is deleted.
    const second = await (await upload(member, await phonePhoto(), 'logo2.jpg', { purpose: 'logo' })).json();
    await member.data(UPDATE_ORGANIZATION, { input: { id: createOrganization.id, logoFileId: second.id, logoAlt: 'Le nouveau logo' } });
    expect((await fetch(`${app.url}/fichiers/${logo.id}/image`)).status).toBe(404);
  });

  it('becomes the avatar of the profile, with its alt text', async () => {
    const avatar = await (await upload(member, await phonePhoto(), 'moi.jpg', { purpose: 'avatar' })).json();
    const refused = await member.error(`mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, {
      input: { avatarFileId: avatar.id },
    });
    expect(refused.extensions?.fields?.avatarAlt).toMatch(/Décrivez/);
    const { updateProfile } = await member.data(
      `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { avatar { fileId alt } } }`,
      { input: { avatarFileId: avatar.id, avatarAlt: 'Camille souriante' } },
    );
    expect(updateProfile.avatar).toEqual({ fileId: avatar.id, alt: 'Camille souriante' });
  });
});

describe('what is refused', () => {
  it('refuses a visitor, and a page of another site', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const visitor = await upload(null, png, 'a.png');
    expect(visitor.status).toBe(401);
    expect((await visitor.json()).error).toBe('Connectez-vous pour envoyer un fichier.');
    const elsewhere = await upload(member, png, 'a.png', { origin: 'https://exemple.invalid' });
    expect(elsewhere.status).toBe(403);
  });

  it('refuses a web page renamed .pdf (415), whatever type the browser claims', async () => {
    const page = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';
    const response = await upload(member, page, 'compte-rendu.pdf', { type: 'application/pdf' });
    expect(response.status).toBe(415);
    expect((await response.json()).error).toMatch(/^Ce type de fichier n’est pas accepté/);
    const svg = await upload(member, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'logo.svg', {
      type: 'image/svg+xml',
    });
    expect(svg.status).toBe(415);
    // A program is not an image either.
    const exe = await upload(member, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500)]), 'photo.png', { purpose: 'image' });
    expect(exe.status).toBe(415);
    expect((await exe.json()).error).toMatch(/n’est pas une image acceptée/);
  });

  it('refuses a file over the limit (413) with the limit in French', async () => {
    const limit = app.config.uploadMaxBytes;
    app.config.uploadMaxBytes = 100 * 1024;
    try {
      const response = await upload(member, randomBytes(200 * 1024), 'gros.pdf');
      expect(response.status).toBe(413);
      expect((await response.json()).error).toBe(french('Le fichier est trop gros : 100 ko au plus.'));
      // An image has its own, smaller limit.
      app.config.uploadMaxBytes = limit;
      const imageLimit = app.config.uploadImageMaxBytes;
      app.config.uploadImageMaxBytes = 10 * 1024;
      const image = await upload(member, await phonePhoto(), 'photo.jpg', { purpose: 'image' });
      app.config.uploadImageMaxBytes = imageLimit;
      expect(image.status).toBe(413);
      expect((await image.json()).error).toBe(french('Le fichier est trop gros : 10 ko au plus.'));
    } finally {
      app.config.uploadMaxBytes = limit;
    }
  });
});

describe('a document uploaded', () => {
  it('is a download (attachment) whose text is extracted for search', async () => {
    const response = await upload(member, await pdf("Compte rendu de l'atelier numérique de Savenay"), 'Compte rendu.pdf');
    expect(response.status).toBe(201);
    const file = await response.json();
    expect(file).toMatchObject({ contentType: 'application/pdf', name: 'Compte rendu.pdf', thumbnailUrl: null, width: null });
    expect(await extractedText(app.orm.em.fork(), file.id)).toContain("Compte rendu de l'atelier numérique de Savenay");
    const served = await fetch(`${app.url}${file.url}`);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toBe(`attachment; filename="Compte-rendu.pdf"; filename*=UTF-8''Compte%20rendu.pdf`);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is for members only once its section says so', async () => {
    const file = await (await upload(member, await pdf('Réservé aux membres'), 'interne.pdf')).json();
    await setFileVisibility(app.orm.em.fork(), file.id, 'members');
    const visitor = await fetch(`${app.url}${file.url}`);
    expect(visitor.status).toBe(401);
    expect(await visitor.text()).toBe(french('Ce fichier est réservé aux membres : connectez-vous.'));
    const signedIn = await fetch(`${app.url}${file.url}`, { headers: { cookie: cookieOf(other) } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toMatch(/^private/);
  });
});

describe('two server processes on one database', () => {
  let orm: MikroORM;
  let server: Server;
  let urlB: string;
  beforeAll(async () => {
    orm = await initORM(app.orm.config.get('clientUrl')!, { pool: { min: 0, max: 4 } });
    const { app: expressB } = await createApp({ orm, config: { ...app.config } });
    server = await new Promise((resolve) => {
      const listening = expressB.listen(0, '127.0.0.1', () => resolve(listening));
    });
    urlB = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await orm?.close(true);
  });

  it('serves from B a file uploaded through A', async () => {
    const original = await pdf('Stocké par A, servi par B');
    const file = await (await upload(member, original, 'partage.pdf')).json();
    const fromB = await fetch(`${urlB}${file.url}`);
    expect(fromB.status).toBe(200);
    expect(Buffer.from(await fromB.arrayBuffer()).equals(original)).toBe(true);
  });
});

describe('mes données', () => {
  it('lists the uploads in the export; deleting the account erases them, but a logo stays with its organization', async () => {
    const leaving = app.client();
    const { id } = await signUp(leaving, 'Dominique Départ');
    const { createOrganization } = await leaving.data(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: 'Association qui reste' } },
    );
    const logo = await (await upload(leaving, await phonePhoto(), 'logo.jpg', { purpose: 'logo' })).json();
    await leaving.data(UPDATE_ORGANIZATION, { input: { id: createOrganization.id, logoFileId: logo.id, logoAlt: 'Le logo' } });
    const loose = await (await upload(leaving, await pdf('Brouillon'), 'brouillon.pdf')).json();

    const exported = (await fichiersPrivacy.exportData(app.orm.em.fork(), id, 'fr')) as {
      files: Array<{ name: string; url: string; size: number }>;
    };
    expect(exported.files.map((file) => file.name).sort()).toEqual(['brouillon.pdf', 'logo.jpg']);
    expect(exported.files.find((file) => file.name === 'brouillon.pdf')).toMatchObject({ url: loose.url, size: loose.size });

    // What "supprimer mon compte" runs for this section (tests/api/account-deletion.test.ts runs them all).
    const kept = await app.orm.em.fork().transactional((em) => fichiersPrivacy.erase(em, id));
    expect(kept[0].fr).toMatch(/restent avec eux, sans votre nom/);
    expect((await fetch(`${app.url}${loose.url}`)).status).toBe(404);
    expect((await fetch(`${app.url}/fichiers/${logo.id}/image`)).status).toBe(200);
    const [row] = await app.orm.em.getConnection().execute(`select owner_id from stored_file where id = ?`, [logo.id]);
    expect(row.owner_id).toBeNull();
    expect(memberId).not.toBe(id);
  });
});
