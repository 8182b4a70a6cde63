import cookieParser from 'cookie-parser';
import type { Express, Request, Response } from 'express';
import { sessionToken } from '../../../http/session-cookie.js';
import { pickLang, type Lang } from '../../../i18n/lang.js';
import { findSession } from '../../comptes/comptes.service.js';
import { privacyProviders } from '../plugs.js';
import type { HttpRouteDeps } from '../section.js';
import { myDataArchive } from './mes-donnees.archive.js';
import { exportMyData, type MyDataExport } from './mes-donnees.service.js';
import { languageOf } from '../../comptes/user.entity.js';

/**
 * The signed-in person's data, as a file to keep: GET /api/mes-donnees.json (one JSON document) and
 * GET /api/mes-donnees.zip (one CSV per section, readable in a spreadsheet, and the JSON).
 */
export function mountPrivacyRoutes(app: Express, { orm }: HttpRouteDeps): void {
  const download =
    (extension: 'json' | 'zip', send: (res: Response, data: MyDataExport, lang: Lang) => void) =>
    async (req: Request, res: Response, next: (error?: unknown) => void) => {
      try {
        const em = orm.em.fork();
        const token = sessionToken(req);
        const session = token ? await findSession(em, token) : null;
        res.set('Cache-Control', 'no-store');
        if (!session) {
          const lang = pickLang(req.cookies?.lang, req.get('accept-language'));
          res
            .status(401)
            .json({ error: lang === 'en' ? 'Sign in to download your data.' : 'Connectez-vous pour télécharger vos données.' });
          return;
        }
        const data = await exportMyData(em, session.user);
        // The files are the member's: in their language (their profile's, like their e-mails), wherever they download them from.
        const lang: Lang = languageOf(session.user);
        const day = new Date().toISOString().slice(0, 10);
        res.set('Content-Disposition', `attachment; filename="maillage-${lang === 'en' ? 'my-data' : 'mes-donnees'}-${day}.${extension}"`);
        send(res, data, lang);
      } catch (error) {
        next(error);
      }
    };
  app.get(
    '/api/mes-donnees.json',
    cookieParser(),
    download('json', (res, data) => res.type('application/json').send(JSON.stringify(data, null, 2))),
  );
  app.get(
    '/api/mes-donnees.zip',
    cookieParser(),
    download('zip', (res, data, lang) => res.type('application/zip').send(Buffer.from(myDataArchive(data, lang, privacyProviders())))),
  );
}
