/**
 * `GET /api/orienter/fiches/<slug>.pdf?besoin=<need>&accompagnant=<name>`: the fiche d'orientation as a tagged PDF
 * (fiche.pdf.ts), to download or print. Nothing is stored: the helper's name only travels in the address.
 */
import type { Express, Request, Response } from 'express';
import { AppError } from '../../graphql/errors.js';
import { currentLang } from '../../i18n/lang.js';
import { logger } from '../../logger.js';
import type { HttpRouteDeps } from '../commun/section.js';
import { ficheOf } from './fiche.service.js';
import { fichePdf } from './fiche.pdf.js';

const text = (value: unknown, max: number): string | null => (typeof value === 'string' && value.length <= max ? value : null);

export function mountFicheRoutes(app: Express, { orm }: HttpRouteDeps): void {
  app.get('/api/orienter/fiches/:file', async (req: Request, res: Response) => {
    const lang = currentLang();
    const slug = /^([a-z0-9-]{1,120})\.pdf$/.exec(String(req.params.file))?.[1];
    if (!slug) {
      res.status(404).type('text/plain; charset=utf-8').send('Cette fiche n’existe pas.');
      return;
    }
    try {
      const fiche = await ficheOf(
        orm.em.fork(),
        { slug, need: text(req.query.besoin, 40), helperName: text(req.query.accompagnant, 200) },
        lang,
      );
      const pdf = await fichePdf(fiche, lang);
      res.set({ 'Content-Disposition': `inline; filename="fiche-orientation-${slug}.pdf"`, 'Cache-Control': 'private, no-store' });
      res.type('application/pdf').send(pdf);
    } catch (error) {
      if (error instanceof AppError) {
        res
          .status(error.code === 'NOT_FOUND' ? 404 : 400)
          .type('text/plain; charset=utf-8')
          .send(error.text[lang]);
        return;
      }
      logger.error({ err: error }, 'fiche PDF failed');
      res.status(500).type('text/plain; charset=utf-8').send('La fiche n’a pas pu être produite. Réessayez dans un instant.');
    }
  });
}
