import cookieParser from 'cookie-parser';
import type { Express } from 'express';
import { sessionToken } from '../../../http/session-cookie.js';
import { pickLang } from '../../../i18n/lang.js';
import { findSession } from '../../comptes/comptes.service.js';
import type { HttpRouteDeps } from '../section.js';
import { exportMyData } from './mes-donnees.service.js';

/** GET /api/mes-donnees.json: the signed-in person's data, as a file to keep. */
export function mountPrivacyRoutes(app: Express, { orm }: HttpRouteDeps): void {
  app.get('/api/mes-donnees.json', cookieParser(), async (req, res, next) => {
    try {
      const em = orm.em.fork();
      const token = sessionToken(req);
      const session = token ? await findSession(em, token) : null;
      res.set('Cache-Control', 'no-store');
      if (!session) {
        const lang = pickLang(req.cookies?.lang, req.get('accept-language'));
        res.status(401).json({ error: lang === 'en' ? 'Sign in to download your data.' : 'Connectez-vous pour télécharger vos données.' });
        return;
      }
      const data = await exportMyData(em, session.user);
      const day = new Date().toISOString().slice(0, 10);
      res.set('Content-Disposition', `attachment; filename="maillage-mes-donnees-${day}.json"`);
      res.type('application/json').send(JSON.stringify(data, null, 2));
    } catch (error) {
      next(error);
    }
  });
}
