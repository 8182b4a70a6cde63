/**
 * Big directory files from the web page (/reseau/import): `POST /api/reseau/import` takes the page's form
 * (multipart: `file`, `networkId`, `source`) up to IMPORT_MAX_MB (50 MB by default), streamed here instead of a
 * GraphQL variable, and starts the import as a job (import-jobs.ts). `GET /api/reseau/import/<id>` tells its
 * progress and, once done, the row report; `GET /api/reseau/import/<id>/rapport.csv` downloads that report.
 *
 * The page's JavaScript sends the form itself (Accept: application/json, to show the upload's progress) and
 * is answered at once with the job; without JavaScript the browser posts the form here and is sent back to
 * the page (303) when the import is done, or after 15 seconds with its progress.
 *
 * Who may: the same as the `importPlaces` mutation (platform admins, a network's admins for that network),
 * signed in by the session cookie; the Origin must be the site's own, so another site's page cannot post.
 */
import Busboy from 'busboy';
import cookieParser from 'cookie-parser';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Express, Request, Response } from 'express';
import type { AppConfig } from '../../config.js';
import { AppError } from '../../graphql/errors.js';
import { sameOrigin } from '../../http/same-origin.js';
import { sessionToken } from '../../http/session-cookie.js';
import { pickLang, say, type Lang, type Text } from '../../i18n/lang.js';
import { logger } from '../../logger.js';
import { FRENCH_SPREADSHEET, toCsv } from '../../shared/csv.js';
import type { HttpRouteDeps } from '../commun/section.js';
import { findSession } from '../comptes/comptes.service.js';
import { Role, type User } from '../comptes/user.entity.js';
import { importPlaces, type ImportReport, type ImportRow, type RowOutcome } from './import.service.js';
import { jobOf, runningJobOf, startJob, type ImportJob } from './import-jobs.js';
import { OrganizationKind } from './organization.entity.js';
import { getOrganization, isOrganizationAdmin } from './organisations.service.js';

export const IMPORT_PATH = '/api/reseau/import';
const PAGE = '/reseau/import';
/** The longest "Source du fichier" (a producer's name, "Conseiller numérique 2026"…). */
export const SOURCE_MAX = 200;
/** Without JavaScript, how long the browser waits for the import before seeing its progress. */
const FORM_WAIT_MS = 15_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const wantsJson = (req: Request) => (req.get('accept') ?? '').includes('application/json');
const langOf = (req: Request): Lang => pickLang((req.cookies as Record<string, string> | undefined)?.lang, req.get('accept-language'));
const megabytes = (bytes: number) => String(Math.round((bytes / 1024 / 1024) * 10) / 10).replace('.', ',');

/** A refusal: JSON for the page's script, back to the page (with the refusal's code) for a plain form. */
function refuse(req: Request, res: Response, status: number, code: string, text: Text, extra = ''): void {
  if (wantsJson(req)) res.status(status).json({ code, error: text[langOf(req)] });
  else res.redirect(303, `${PAGE}?erreur=${code}${extra}`);
}

interface UploadedForm {
  fields: Record<string, string>;
  file: { name: string; bytes: Buffer } | null;
  tooLarge: boolean;
}

/** The multipart form, its file held in memory up to `maxBytes` (beyond: `tooLarge`, the rest is drained). */
function readForm(req: Request, maxBytes: number): Promise<UploadedForm> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({ headers: req.headers, limits: { files: 1, fields: 10, fieldSize: 4096, fileSize: maxBytes } });
    } catch (error) {
      reject(error as Error);
      return;
    }
    const form: UploadedForm = { fields: {}, file: null, tooLarge: false };
    busboy.on('field', (name, value) => {
      form.fields[name] = value;
    });
    busboy.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!form.tooLarge) chunks.push(chunk);
      });
      stream.on('limit', () => {
        form.tooLarge = true;
        chunks.length = 0;
      });
      stream.on('end', () => {
        if (!form.tooLarge) form.file = { name: info.filename ?? '', bytes: Buffer.concat(chunks) };
      });
    });
    busboy.on('close', () => resolve(form));
    busboy.on('error', reject);
    req.pipe(busboy);
  });
}

/** The same rule as the `importPlaces` mutation, asked before the import starts so a refusal is a refusal. */
async function mayImport(em: EntityManager, user: User, networkId: string | null): Promise<Text | null> {
  if (networkId) {
    const network = await getOrganization(em, networkId);
    if (network.kind !== OrganizationKind.RESEAU)
      return say('Cette organisation n’est pas un réseau.', 'This organization is not a network.');
    if (await isOrganizationAdmin(em, networkId, user)) return null;
  } else if (user.role === Role.ADMIN) return null;
  return say(
    'Seuls les administrateurs de la plateforme, ou d’un réseau pour son réseau, peuvent importer des lieux.',
    "Only platform admins, or a network's admins for their network, can import places.",
  );
}

/**
 * What became of a row, said of what it is about: the place it made or changed ("Ligne 4 : lieu créé"), or the row
 * itself when it was not imported ("Ligne 3 : non importée").
 */
const OUTCOME: Record<RowOutcome, Text> = {
  created: say('lieu créé', 'place created'),
  updated: say('lieu mis à jour', 'place updated'),
  linked: say('lieu rattaché au réseau', 'place linked to the network'),
  unchanged: say('lieu inchangé', 'place unchanged'),
  rejected: say('non importée', 'not imported'),
};

const rowJson = (row: ImportRow, lang: Lang) => ({
  line: row.line,
  name: row.name,
  sourceId: row.sourceId,
  outcome: row.outcome,
  outcomeLabel: OUTCOME[row.outcome][lang],
  place: row.place,
  fields: row.fields,
  reasons: row.reasons.map((reason) => reason[lang]),
  notes: row.notes.map((note) => note[lang]),
});

/** What the page reads: progress, and the report once done (its rows unless `withRows` is false). */
function jobJson(job: ImportJob, lang: Lang, withRows: boolean) {
  const report: ImportReport | null = job.report;
  return {
    id: job.id,
    state: job.state,
    fileName: job.fileName,
    bytes: job.bytes,
    networkId: job.networkId,
    source: job.source,
    progress: job.progress,
    error: job.error ? job.error[lang] : null,
    csv: `${IMPORT_PATH}/${job.id}/rapport.csv`,
    report: report && {
      format: report.format,
      encoding: report.encoding,
      source: report.source,
      v0Rows: report.v0Rows,
      total: report.total,
      created: report.created,
      updated: report.updated,
      linked: report.linked,
      unchanged: report.unchanged,
      rejected: report.rejected,
      rows: withRows ? report.rows.map((row) => rowJson(row, lang)) : [],
    },
  };
}

/** The row report for a spreadsheet, through the one CSV writer (a name "=…" cannot run as a formula). */
export function reportCsv(report: ImportReport, lang: Lang, siteUrl: string): string {
  const header =
    lang === 'fr'
      ? [
          'Ligne',
          'Nom',
          'Identifiant dans le fichier',
          'Résultat',
          'Lieu dans Maillage',
          'Champs modifiés',
          'Raisons du rejet',
          'Remarques',
        ]
      : ['Line', 'Name', 'Id in the file', 'Outcome', 'Place in Maillage', 'Fields changed', 'Reasons for rejection', 'Notes'];
  const rows = report.rows.map((row) => [
    row.line,
    row.name ?? '',
    row.sourceId ?? '',
    OUTCOME[row.outcome][lang],
    row.place ? `${siteUrl}/organisations/${row.place.slug}` : '',
    row.fields.join(', '),
    row.reasons.map((reason) => reason[lang]).join(' ; '),
    row.notes.map((note) => note[lang]).join(' ; '),
  ]);
  return toCsv([header, ...rows], FRENCH_SPREADSHEET);
}

function failureText(error: unknown): Text {
  if (error instanceof AppError) {
    const field = Object.values(error.fields)[0];
    return field ?? error.text;
  }
  logger.error({ err: error }, 'directory import failed');
  return say(
    'L’import a échoué : rien n’a été enregistré. Réessayez dans un instant.',
    'The import failed: nothing was saved. Try again shortly.',
  );
}

async function signedIn(em: EntityManager, req: Request): Promise<User | null> {
  const token = sessionToken(req);
  const session = token ? await findSession(em, token) : null;
  return session?.user ?? null;
}

async function upload(req: Request, res: Response, em: EntityManager, config: AppConfig): Promise<void> {
  if (!sameOrigin(req, config)) {
    return refuse(
      req,
      res,
      403,
      'origine',
      say('Cet envoi ne vient pas d’une page de Maillage.', 'This upload does not come from a Maillage page.'),
    );
  }
  const user = await signedIn(em, req);
  if (!user) return refuse(req, res, 401, 'connexion', say('Connectez-vous pour importer des lieux.', 'Sign in to import places.'));
  const tooLarge = () =>
    refuse(
      req,
      res,
      413,
      'trop-gros',
      say(
        `Le fichier est trop gros : ${megabytes(config.importMaxBytes)} Mo au plus. Coupez-le en plusieurs fichiers.`,
        `The file is too large: ${megabytes(config.importMaxBytes)} MB at most. Split it into several files.`,
      ),
      `&max=${encodeURIComponent(megabytes(config.importMaxBytes))}`,
    );
  // The form around the file weighs a few hundred bytes: a body announced far above the limit is refused unread.
  if (Number(req.get('content-length') ?? 0) > config.importMaxBytes + 64 * 1024) return tooLarge();
  if (runningJobOf(user.id)) {
    return refuse(
      req,
      res,
      409,
      'en-cours',
      say('Un de vos imports est encore en cours : attendez sa fin.', 'One of your imports is still running: wait until it ends.'),
    );
  }
  let form: UploadedForm;
  try {
    form = await readForm(req, config.importMaxBytes);
  } catch {
    return refuse(
      req,
      res,
      400,
      'illisible',
      say('L’envoi du fichier n’a pas abouti : réessayez.', 'The file did not arrive whole: try again.'),
    );
  }
  if (form.tooLarge) return tooLarge();
  if (!form.file || (!form.file.name && form.file.bytes.length === 0)) {
    return refuse(req, res, 400, 'fichier', say('Choisissez un fichier.', 'Choose a file.'));
  }
  const networkId = form.fields.networkId?.trim() || null;
  const source = form.fields.source?.trim() || null;
  if (networkId && !UUID.test(networkId)) return refuse(req, res, 400, 'reseau', say('Ce réseau est inconnu.', 'Unknown network.'));
  if (source && source.length > SOURCE_MAX) {
    return refuse(
      req,
      res,
      400,
      'source',
      say(`La source ne peut pas dépasser ${SOURCE_MAX} caractères.`, `The source cannot exceed ${SOURCE_MAX} characters.`),
    );
  }
  let refusal: Text | null;
  try {
    refusal = await mayImport(em, user, networkId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return refuse(req, res, 404, 'reseau', say('Ce réseau est inconnu.', 'Unknown network.'));
  }
  if (refusal) return refuse(req, res, 403, 'interdit', refusal, networkId ? `&reseau=${networkId}` : '');

  const file = form.file;
  const lowerName = file.name.toLowerCase();
  const format = lowerName.endsWith('.json') ? 'json' : lowerName.endsWith('.csv') ? 'csv' : null;
  const job = startJob(
    { ownerId: user.id, networkId, source, fileName: file.name, bytes: file.bytes.length },
    (onProgress) => importPlaces(em, user, file.bytes, { format, networkId, source, onProgress }),
    failureText,
  );
  if (wantsJson(req)) {
    res.status(202).json(jobJson(job, langOf(req), false));
    return;
  }
  await Promise.race([job.finished, new Promise((resolve) => setTimeout(resolve, FORM_WAIT_MS).unref())]);
  res.redirect(303, `${PAGE}?import=${job.id}`);
}

export function mountImportRoutes(app: Express, { orm, config }: HttpRouteDeps): void {
  const notFound = (res: Response) =>
    res.status(404).type('text/plain; charset=utf-8').send('Cet import n’existe pas ou plus (un rapport est gardé une heure).');

  // The page tells the limit before a file is chosen, and its script refuses a bigger one without sending it.
  app.get(IMPORT_PATH, (_req, res) => {
    res.json({ maxBytes: config.importMaxBytes });
  });

  app.post(IMPORT_PATH, cookieParser(), async (req, res, next) => {
    try {
      await upload(req, res, orm.em.fork(), config);
    } catch (error) {
      next(error);
    }
  });

  app.get(`${IMPORT_PATH}/:id`, cookieParser(), async (req, res, next) => {
    try {
      const user = await signedIn(orm.em.fork(), req);
      if (!user) return void res.status(401).json({ code: 'connexion', error: 'Connectez-vous pour voir cet import.' });
      const job = jobOf(String(req.params.id), user.id);
      if (!job) return void notFound(res);
      res.set('cache-control', 'private, no-store').json(jobJson(job, langOf(req), req.query.lignes !== 'non'));
    } catch (error) {
      next(error);
    }
  });

  app.get(`${IMPORT_PATH}/:id/rapport.csv`, cookieParser(), async (req, res, next) => {
    try {
      const user = await signedIn(orm.em.fork(), req);
      if (!user) return void res.status(401).type('text/plain; charset=utf-8').send('Connectez-vous pour télécharger ce rapport.');
      const job = jobOf(String(req.params.id), user.id);
      if (!job?.report) return void notFound(res);
      const siteUrl = config.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;
      res.set({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="rapport-import-${job.startedAt.toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'private, no-store',
      });
      res.send(reportCsv(job.report, langOf(req), siteUrl));
    } catch (error) {
      next(error);
    }
  });
}
