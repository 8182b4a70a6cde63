/**
 * Uploaded files (docs/fichiers.md): storing an upload, and what the other sections call to use one —
 * `attachImage()` / `attachFile()` when their content takes a file, `releaseFile()` when it lets it go,
 * `setFileVisibility()`, `fileInfo()`, `extractedText()`.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config.js';
import { execute, query, queryOne, sql } from '../../db/sql.js';
import { badInput } from '../../graphql/errors.js';
import { say, type Text } from '../../i18n/lang.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { hit } from '../comptes/rate-limit.js';
import { Role, type User } from '../comptes/user.entity.js';
import { detectType, extractText, reencodeImage, sha256, type FileKind } from './fichiers.content.js';
import { fileStore, removeAfterCommit } from './fichiers.store.js';
import { ALT_MAX, FileInfo, fileUrl, thumbnailUrl } from './fichiers.types.js';
import type { FileVisibility } from './stored-file.entity.js';

export const PURPOSES = ['logo', 'avatar', 'image', 'attachment'] as const;
export type FilePurpose = (typeof PURPOSES)[number];
const IMAGE_PURPOSES: readonly FilePurpose[] = ['logo', 'avatar', 'image'];

/** Uploads a member may send in an hour. */
export const UPLOADS_PER_HOUR = 60;
/** An upload no section attached within this delay is removed (fichiers.section.ts). */
export const ORPHAN_HOURS = 24;
const NAME_MAX = 200;

/** A refused upload: the HTTP status and a sentence for the person. */
export class UploadRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Text,
  ) {
    super(text.en);
  }
}

/** "50 Mo", "2,5 Mo", "100 ko" (and the English words). */
export function sizeText(bytes: number): { fr: string; en: string } {
  if (bytes < 1024 * 1024) {
    const kilobytes = String(Math.max(1, Math.round(bytes / 1024)));
    return { fr: `${kilobytes} ko`, en: `${kilobytes} kB` };
  }
  const megabytes = String(Math.round((bytes / 1024 / 1024) * 10) / 10);
  return { fr: `${megabytes.replace('.', ',')} Mo`, en: `${megabytes} MB` };
}

export function tooLarge(maxBytes: number): UploadRefusal {
  const size = sizeText(maxBytes);
  return new UploadRefusal(
    413,
    'trop-gros',
    say(`Le fichier est trop gros : ${size.fr} au plus.`, `The file is too large: ${size.en} at most.`),
  );
}

const notAllowed = (imagesOnly: boolean) =>
  new UploadRefusal(
    415,
    'type',
    imagesOnly
      ? say(
          'Ce fichier n’est pas une image acceptée : envoyez une image PNG, JPEG, WebP ou GIF.',
          'This file is not an accepted image: send a PNG, JPEG, WebP or GIF image.',
        )
      : say(
          'Ce type de fichier n’est pas accepté (son contenu a été vérifié, pas seulement son nom) : envoyez un PDF, un document OpenDocument ou Office (DOCX, XLSX, PPTX), une image PNG, JPEG, WebP ou GIF, ou une vidéo MP4 ou WebM.',
          'This type of file is not accepted (its content was checked, not only its name): send a PDF, an OpenDocument or Office document (DOCX, XLSX, PPTX), a PNG, JPEG, WebP or GIF image, or an MP4 or WebM video.',
        ),
  );

export function isPurpose(value: string | undefined): value is FilePurpose {
  return (PURPOSES as readonly string[]).includes(value ?? '');
}

/** The largest file accepted for a purpose (images are re-encoded: smaller limit). */
export function maxBytesFor(config: Pick<AppConfig, 'uploadMaxBytes' | 'uploadImageMaxBytes'>, purpose: FilePurpose): number {
  return IMAGE_PURPOSES.includes(purpose) ? Math.min(config.uploadImageMaxBytes, config.uploadMaxBytes) : config.uploadMaxBytes;
}

/** Counts an upload of the member; refuses beyond UPLOADS_PER_HOUR. */
export async function takeUploadSlot(em: EntityManager, user: User): Promise<void> {
  const hits = await hit(em, `fichiers.upload:${user.id}`, 3600);
  if (hits > UPLOADS_PER_HOUR) {
    throw new UploadRefusal(
      429,
      'trop-souvent',
      say(
        `Vous avez envoyé ${UPLOADS_PER_HOUR} fichiers cette heure-ci : réessayez dans un moment.`,
        `You sent ${UPLOADS_PER_HOUR} files this hour: try again later.`,
      ),
    );
  }
}

interface NewRow {
  id: string;
  purpose: string;
  variantOf: string | null;
  name: string;
  contentType: string;
  bytes: Buffer;
  width: number | null;
  height: number | null;
  text: string | null;
}

async function insertRow(em: EntityManager, ownerId: string, row: NewRow): Promise<void> {
  const stored = await fileStore().save(row.id, row.bytes, row.contentType);
  await execute(
    em,
    sql`insert into stored_file (id, owner_id, purpose, variant_of_id, original_name, content_type, size, sha256, width, height,
                                 content, storage_key, extracted_text)
        values (${row.id}, ${ownerId}, ${row.purpose}, ${row.variantOf}, ${row.name}, ${row.contentType}, ${row.bytes.length},
                ${sha256(row.bytes)}, ${row.width}, ${row.height}, ${stored.content}, ${stored.storageKey}, ${row.text})`,
  );
}

function cleanName(name: string, ext: string): string {
  // eslint-disable-next-line no-control-regex -- control characters have no place in a file's name
  const plain = name.replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').trim() || `fichier.${ext}`;
  if (plain.length <= NAME_MAX) return plain;
  return plain.slice(0, NAME_MAX - ext.length - 1) + '.' + ext;
}

/**
 * Stores an upload after checking its content: an allowed type (images only for logos, avatars and
 * images), within the size limits; images re-encoded without metadata, with a thumbnail; documents' text
 * extracted. Throws UploadRefusal.
 */
export async function storeUpload(
  em: EntityManager,
  user: User,
  upload: { name: string; bytes: Buffer; purpose: FilePurpose },
  config: Pick<AppConfig, 'uploadMaxBytes' | 'uploadImageMaxBytes'>,
): Promise<FileInfo> {
  const imagesOnly = IMAGE_PURPOSES.includes(upload.purpose);
  if (upload.bytes.length > config.uploadMaxBytes) throw tooLarge(config.uploadMaxBytes);
  const type = await detectType(upload.bytes);
  if (!type || (imagesOnly && type.kind !== 'image')) throw notAllowed(imagesOnly);
  if (type.kind === 'image' && upload.bytes.length > config.uploadImageMaxBytes) throw tooLarge(config.uploadImageMaxBytes);
  const name = cleanName(upload.name, type.ext);
  const id = randomUUID();
  let thumbnailId: string | null = null;
  let width: number | null = null;
  let height: number | null = null;

  if (type.kind === 'image') {
    let pictures: Awaited<ReturnType<typeof reencodeImage>>;
    try {
      pictures = await reencodeImage(upload.bytes, type.mime);
    } catch {
      throw new UploadRefusal(
        415,
        'image',
        say(
          'Cette image est abîmée ou illisible : essayez d’en envoyer une autre.',
          'This image is damaged or unreadable: try another one.',
        ),
      );
    }
    ({ width, height } = pictures.image);
    await insertRow(em, user.id, { id, purpose: upload.purpose, variantOf: null, name, ...pictures.image, text: null });
    thumbnailId = randomUUID();
    await insertRow(em, user.id, { id: thumbnailId, purpose: 'thumbnail', variantOf: id, name, ...pictures.thumbnail, text: null });
  } else {
    const text = type.kind === 'document' ? await extractText(upload.bytes, type.mime) : null;
    await insertRow(em, user.id, {
      id,
      purpose: upload.purpose,
      variantOf: null,
      name,
      contentType: type.mime,
      bytes: upload.bytes,
      width: null,
      height: null,
      text,
    });
  }
  const size = type.kind === 'image' ? ((await fileInfo(em, [id])).get(id)?.size ?? 0) : upload.bytes.length;
  return Object.assign(new FileInfo(), {
    id,
    url: fileUrl(id, name),
    thumbnailUrl: thumbnailId ? thumbnailUrl(id) : null,
    name,
    contentType: type.mime,
    size,
    width,
    height,
  });
}

interface InfoRow {
  id: string;
  original_name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  has_thumbnail: boolean;
  owner_id: string | null;
  visibility: string;
}

/** What the sections show of their files, by id (unknown ids are absent). */
export async function fileInfo(em: EntityManager, ids: readonly string[]): Promise<Map<string, FileInfo>> {
  const found = new Map<string, FileInfo>();
  if (ids.length === 0) return found;
  const rows = await query<InfoRow>(
    em,
    sql`select f.id, f.original_name, f.content_type, f.size, f.width, f.height, f.owner_id, f.visibility,
               exists (select 1 from stored_file v where v.variant_of_id = f.id) as has_thumbnail
          from stored_file f where f.id = any(${pgTextArray([...ids])}::uuid[])`,
  );
  for (const row of rows) {
    found.set(
      row.id,
      Object.assign(new FileInfo(), {
        id: row.id,
        url: fileUrl(row.id, row.original_name),
        thumbnailUrl: row.has_thumbnail ? thumbnailUrl(row.id) : null,
        name: row.original_name,
        contentType: row.content_type,
        size: row.size,
        width: row.width,
        height: row.height,
        ownerId: row.owner_id,
        visibility: row.visibility,
      }),
    );
  }
  return found;
}

/** A document's text (PDF, DOCX, ODT, PPTX…) for search, or null. */
export async function extractedText(em: EntityManager, fileId: string): Promise<string | null> {
  const row = await queryOne<{ extracted_text: string | null }>(em, sql`select extracted_text from stored_file where id = ${fileId}`);
  return row?.extracted_text ?? null;
}

/**
 * Who may read the file (and its thumbnail): 'public' (the default), anyone with its address; 'members', signed-in
 * members; 'organisation', the members of `organizationId` (and the platform's admins and moderators).
 */
export async function setFileVisibility(
  em: EntityManager,
  fileId: string,
  visibility: FileVisibility,
  organizationId: string | null = null,
): Promise<void> {
  const organization = visibility === 'organisation' ? organizationId : null;
  if (visibility === 'organisation' && !organization) throw new Error('a file for one organization needs its organization');
  await execute(
    em,
    sql`update stored_file set visibility = ${visibility}, visible_to_organization_id = ${organization}
         where id = ${fileId} or variant_of_id = ${fileId}`,
  );
}

/** Whether `user` may read a file kept for one organization's members. */
export async function mayReadOrganizationFile(em: EntityManager, organizationId: string | null, user: User): Promise<boolean> {
  if (user.role === Role.ADMIN || user.role === Role.MODERATOR) return true;
  if (!organizationId) return false;
  const row = await queryOne<{ member: boolean }>(
    em,
    sql`select exists (select 1 from organization_member where organization_id = ${organizationId} and user_id = ${user.id}) as member`,
  );
  return row?.member ?? false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Marks the member's upload as used by a section's content (it is no longer an orphan). Refused when the
 * file is unknown, someone else's, or (`imageOnly`) not an image. Returns the file's type.
 */
export async function attachFile(
  em: EntityManager,
  user: User,
  fileId: string,
  options: { imageOnly?: boolean } = {},
): Promise<{ contentType: string } | Text> {
  const unknown = say('Ce fichier est introuvable : envoyez-le de nouveau.', 'This file cannot be found: upload it again.');
  if (!UUID.test(fileId)) return unknown;
  const row = await queryOne<{ owner_id: string | null; content_type: string; attached_at: Date | null }>(
    em,
    sql`select owner_id, content_type, attached_at from stored_file where id = ${fileId} and variant_of_id is null`,
  );
  // Only the member's own upload, used nowhere yet: a file belongs to one content, released with it.
  if (!row || row.owner_id !== user.id || row.attached_at) return unknown;
  if (options.imageOnly && !row.content_type.startsWith('image/'))
    return say('Ce fichier doit être une image.', 'This file must be an image.');
  await execute(em, sql`update stored_file set attached_at = now() where id = ${fileId} or variant_of_id = ${fileId}`);
  return { contentType: row.content_type };
}

/**
 * For a section's image field: checks the new file (the member's own image) and its alt text (required,
 * ≤ 250 characters), attaches it and releases the previous one. `fileId` undefined: unchanged; null or '':
 * removed. Throws badInput on `fileField` / `altField`. Returns the columns to store.
 */
export async function changeImage(
  em: EntityManager,
  user: User,
  change: { fileId?: string | null; alt?: string | null; current: { fileId: string | null | undefined; alt: string | null | undefined } },
  fields: { file: string; alt: string },
): Promise<{ fileId: string | null; alt: string | null } | null> {
  if (change.fileId === undefined && change.alt === undefined) return null;
  const fileId = change.fileId === undefined ? (change.current.fileId ?? null) : change.fileId || null;
  const alt = (change.alt === undefined ? change.current.alt : change.alt)?.trim() || null;
  if (!fileId) {
    if (change.current.fileId) await releaseFile(em, change.current.fileId);
    return { fileId: null, alt: null };
  }
  if (!alt)
    throw badInput({
      [fields.alt]: say(
        'Décrivez l’image en quelques mots, pour les personnes qui ne la voient pas.',
        'Describe the image in a few words, for people who cannot see it.',
      ),
    });
  if (alt.length > ALT_MAX)
    throw badInput({
      [fields.alt]: say(
        `La description de l’image ne peut pas dépasser ${ALT_MAX} caractères.`,
        `The image description cannot exceed ${ALT_MAX} characters.`,
      ),
    });
  if (fileId !== change.current.fileId) {
    const attached = await attachFile(em, user, fileId, { imageOnly: true });
    if (!('contentType' in attached)) throw badInput({ [fields.file]: attached });
    if (change.current.fileId) await releaseFile(em, change.current.fileId);
  }
  return { fileId, alt };
}

/** Deletes a file a section no longer uses (and its thumbnail). */
export async function releaseFile(em: EntityManager, fileId: string): Promise<void> {
  if (!UUID.test(fileId)) return;
  const rows = await query<{ storage_key: string | null }>(
    em,
    sql`delete from stored_file where id = ${fileId} or variant_of_id = ${fileId} returning storage_key`,
  );
  await removeAfterCommit(em, rows);
}

/** Removes uploads no section attached within ORPHAN_HOURS; returns how many. */
export async function deleteOrphanUploads(em: EntityManager): Promise<number> {
  const rows = await query<{ storage_key: string | null }>(
    em,
    sql`delete from stored_file f
         where (f.attached_at is null and f.variant_of_id is null and f.created_at < now() - make_interval(hours => ${ORPHAN_HOURS}))
            or f.variant_of_id in (select o.id from stored_file o where o.attached_at is null and o.variant_of_id is null
                                     and o.created_at < now() - make_interval(hours => ${ORPHAN_HOURS}))
        returning f.storage_key`,
  );
  await removeAfterCommit(em, rows);
  return rows.length;
}

/** What is served at /fichiers/<id>/…: the file, or its thumbnail. */
export async function fileToServe(
  em: EntityManager,
  id: string,
  thumbnail: boolean,
): Promise<{
  id: string;
  name: string;
  contentType: string;
  sha256: string;
  visibility: FileVisibility;
  visibleToOrganizationId: string | null;
  storageKey: string | null;
  kind: FileKind;
} | null> {
  if (!UUID.test(id)) return null;
  const row = await queryOne<{
    id: string;
    original_name: string;
    content_type: string;
    sha256: string;
    visibility: FileVisibility;
    visible_to_organization_id: string | null;
    storage_key: string | null;
  }>(
    em,
    thumbnail
      ? sql`select id, original_name, content_type, sha256, visibility, visible_to_organization_id, storage_key from stored_file where variant_of_id = ${id} limit 1`
      : sql`select id, original_name, content_type, sha256, visibility, visible_to_organization_id, storage_key from stored_file where id = ${id} and variant_of_id is null`,
  );
  if (!row) return null;
  const kind: FileKind = row.content_type.startsWith('image/') ? 'image' : row.content_type.startsWith('video/') ? 'video' : 'document';
  return {
    id: row.id,
    name: row.original_name,
    contentType: row.content_type,
    sha256: row.sha256,
    visibility: row.visibility,
    visibleToOrganizationId: row.visible_to_organization_id,
    storageKey: row.storage_key,
    kind,
  };
}
