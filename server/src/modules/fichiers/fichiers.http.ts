/**
 * Uploads and downloads (docs/fichiers.md).
 *
 * `POST /api/fichiers`: one file (multipart `file`, with `purpose` sent before it), by a signed-in member
 * (session cookie) from a page of the site (the Origin must be ours: another site's page cannot post with the
 * member's cookie, as for the directory import, reseau/import.http.ts); 60 uploads an hour per member. Answers
 * JSON: the file, or `{ code, error }` with a French (or English) sentence.
 *
 * `GET /fichiers/<id>/<name>` and `GET /fichiers/<id>/miniature`: the file or its thumbnail, never as a page
 * of the site (nosniff, a sandboxing CSP, documents as downloads).
 */
import Busboy from 'busboy';
import cookieParser from 'cookie-parser';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Express, Request, Response } from 'express';
import type { AppConfig } from '../../config.js';
import { sameOrigin } from '../../http/same-origin.js';
import { sessionToken } from '../../http/session-cookie.js';
import { pickLang, say, type Lang } from '../../i18n/lang.js';
import { logger } from '../../logger.js';
import type { HttpRouteDeps } from '../commun/section.js';
import { findSession } from '../comptes/comptes.service.js';
import type { User } from '../comptes/user.entity.js';
import { fileStore, useFileStore } from './fichiers.store.js';
import {
  fileToServe,
  isPurpose,
  maxBytesFor,
  storeUpload,
  takeUploadSlot,
  tooLarge,
  UploadRefusal,
  type FilePurpose,
  mayReadOrganizationFile,
} from './fichiers.service.js';
import { safeName } from './fichiers.types.js';

export const UPLOAD_PATH = '/api/fichiers';

const langOf = (req: Request): Lang => pickLang((req.cookies as Record<string, string> | undefined)?.lang, req.get('accept-language'));

async function signedIn(em: EntityManager, req: Request): Promise<User | null> {
  const token = sessionToken(req);
  const session = token ? await findSession(em, token) : null;
  return session?.user ?? null;
}

interface UploadForm {
  purpose: FilePurpose;
  file: { name: string; bytes: Buffer } | null;
  tooLarge: number | null;
}

/** The multipart form; the file kept in memory up to the purpose's limit (the `purpose` field comes first). */
function readForm(req: Request, config: AppConfig): Promise<UploadForm> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({ headers: req.headers, limits: { files: 1, fields: 5, fieldSize: 200, fileSize: config.uploadMaxBytes } });
    } catch (error) {
      reject(error as Error);
      return;
    }
    const form: UploadForm = { purpose: 'attachment', file: null, tooLarge: null };
    busboy.on('field', (name, value) => {
      if (name === 'purpose' && isPurpose(value)) form.purpose = value;
    });
    busboy.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      const limit = maxBytesFor(config, form.purpose);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          form.tooLarge = limit;
          chunks.length = 0;
        } else chunks.push(chunk);
      });
      stream.on('limit', () => {
        form.tooLarge = config.uploadMaxBytes;
        chunks.length = 0;
      });
      stream.on('end', () => {
        if (form.tooLarge === null) form.file = { name: info.filename ?? '', bytes: Buffer.concat(chunks) };
      });
    });
    busboy.on('close', () => resolve(form));
    busboy.on('error', reject);
    req.pipe(busboy);
  });
}

async function upload(req: Request, res: Response, em: EntityManager, config: AppConfig): Promise<void> {
  const lang = langOf(req);
  const refuse = (refusal: UploadRefusal) => void res.status(refusal.status).json({ code: refusal.code, error: refusal.text[lang] });
  if (!sameOrigin(req, config)) {
    return refuse(
      new UploadRefusal(
        403,
        'origine',
        say('Cet envoi ne vient pas d’une page de Maillage.', 'This upload does not come from a Maillage page.'),
      ),
    );
  }
  const user = await signedIn(em, req);
  if (!user)
    return refuse(new UploadRefusal(401, 'connexion', say('Connectez-vous pour envoyer un fichier.', 'Sign in to upload a file.')));
  // The form around the file weighs a few hundred bytes: a body announced far above the limit is refused unread.
  if (Number(req.get('content-length') ?? 0) > config.uploadMaxBytes + 64 * 1024) {
    res.set('connection', 'close');
    return refuse(tooLarge(config.uploadMaxBytes));
  }
  try {
    await takeUploadSlot(em, user);
    let form: UploadForm;
    try {
      form = await readForm(req, config);
    } catch {
      throw new UploadRefusal(
        400,
        'illisible',
        say('L’envoi du fichier n’a pas abouti : réessayez.', 'The file did not arrive whole: try again.'),
      );
    }
    if (form.tooLarge !== null) throw tooLarge(form.tooLarge);
    if (!form.file || form.file.bytes.length === 0)
      throw new UploadRefusal(400, 'fichier', say('Choisissez un fichier.', 'Choose a file.'));
    const stored = await em.transactional((tx) => storeUpload(tx, user, { ...form.file!, purpose: form.purpose }, config));
    res.status(201).json(stored);
  } catch (error) {
    if (error instanceof UploadRefusal) return refuse(error);
    throw error;
  }
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`: one range within `size`, else null (the whole file is sent). */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (!match[1] && !match[2])) return null;
  const start = match[1] ? Number(match[1]) : Math.max(0, size - Number(match[2]));
  const end = match[1] && match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

async function serve(req: Request, res: Response, em: EntityManager, thumbnail: boolean): Promise<void> {
  const lang = langOf(req);
  const file = await fileToServe(em, String(req.params.id), thumbnail);
  const missing = say('Ce fichier n’existe pas ou plus.', 'This file does not exist (any more).');
  res.set('x-content-type-options', 'nosniff');
  res.set('content-security-policy', "default-src 'none'; sandbox");
  if (!file) return void res.status(404).type('text/plain; charset=utf-8').send(missing[lang]);
  const restricted = file.visibility !== 'public';
  if (restricted) {
    const user = await signedIn(em, req);
    if (!user) {
      res.set('cache-control', 'private, no-store');
      return void res
        .status(401)
        .type('text/plain; charset=utf-8')
        .send(say('Ce fichier est réservé aux membres : connectez-vous.', 'This file is for members only: sign in.')[lang]);
    }
    // Kept for one organization's members: anyone else reads that it does not exist (nothing to learn from a 403).
    if (file.visibility === 'organisation' && !(await mayReadOrganizationFile(em, file.visibleToOrganizationId, user))) {
      res.set('cache-control', 'private, no-store');
      return void res.status(404).type('text/plain; charset=utf-8').send(missing[lang]);
    }
  }
  const etag = `"${file.sha256}"`;
  // The bytes of an id never change (a new upload is a new id): cached for a year.
  res.set({
    etag,
    'cache-control': `${restricted ? 'private' : 'public'}, max-age=31536000, immutable`,
    'accept-ranges': 'bytes',
  });
  if (restricted) res.vary('cookie');
  if (req.get('if-none-match') === etag) return void res.status(304).end();
  const bytes = await fileStore().read(em, file);
  if (!bytes) return void res.status(404).type('text/plain; charset=utf-8').send(missing[lang]);
  const disposition = file.kind === 'document' ? 'attachment' : 'inline';
  const name = thumbnail ? `miniature-${safeName(file.name)}` : file.name;
  res.set({
    'content-type': file.contentType,
    'content-disposition': `${disposition}; filename="${safeName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
  const range = byteRange(req.get('range'), bytes.length);
  if (range === 'unsatisfiable') return void res.status(416).set('content-range', `bytes */${bytes.length}`).end();
  if (range) {
    res.status(206).set('content-range', `bytes ${range.start}-${range.end}/${bytes.length}`);
    return void res.end(bytes.subarray(range.start, range.end + 1));
  }
  res.end(bytes);
}

export function mountFichiersRoutes(app: Express, { orm, config }: HttpRouteDeps): void {
  useFileStore(config);
  if (config.s3) logger.info({ endpoint: config.s3.endpoint, bucket: config.s3.bucket }, 'uploaded files go to an S3 bucket');

  // The limits, for the page's script to refuse a file too big before sending it.
  app.get(UPLOAD_PATH, (_req, res) => {
    res.json({ maxBytes: config.uploadMaxBytes, imageMaxBytes: Math.min(config.uploadImageMaxBytes, config.uploadMaxBytes) });
  });
  app.post(UPLOAD_PATH, cookieParser(), async (req, res, next) => {
    try {
      await upload(req, res, orm.em.fork(), config);
    } catch (error) {
      next(error);
    }
  });
  const serveRoute = (thumbnail: (req: Request) => boolean) => async (req: Request, res: Response, next: (error: unknown) => void) => {
    try {
      await serve(req, res, orm.em.fork(), thumbnail(req));
    } catch (error) {
      next(error);
    }
  };
  app.get(
    '/fichiers/:id',
    cookieParser(),
    serveRoute(() => false),
  );
  app.get(
    '/fichiers/:id/:name',
    cookieParser(),
    serveRoute((req) => req.params.name === 'miniature'),
  );
}
