import type { Express } from 'express';
import type { HttpRouteDeps } from '../commun/section.js';
import { Campaign, TesterLevel } from './campaign.entity.js';
import { campaignResults } from './results.service.js';
import { FRENCH_SPREADSHEET, toCsv } from '../../shared/csv.js';

const LEVEL_LABELS: Record<TesterLevel, string> = {
  [TesterLevel.ELOIGNE]: 'Éloigné',
  [TesterLevel.DEBUTANT]: 'Débutant',
  [TesterLevel.INTERMEDIAIRE]: 'Intermédiaire',
  [TesterLevel.AVANCE]: 'Avancé',
  [TesterLevel.AUTONOME]: 'Autonome',
};

const round = (value: number | null, digits: number) => (value == null ? null : Number(value.toFixed(digits)));

export function resultsCsv(results: Awaited<ReturnType<typeof campaignResults>>): string {
  const rows: unknown[][] = [
    [
      'scenario',
      'titre',
      'comptes_rendus',
      'reussites',
      'taux_de_reussite_pct',
      'note_moyenne_sur_5',
      'testeur',
      'niveau',
      'appareil',
      'reussi',
      'note',
      'commentaire',
    ],
  ];
  for (const scenario of results.scenarios) {
    rows.push([
      scenario.position,
      scenario.title,
      scenario.reportCount,
      scenario.successCount,
      round(scenario.successRate == null ? null : scenario.successRate * 100, 1),
      round(scenario.meanRating, 2),
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    for (const verbatim of scenario.verbatims) {
      rows.push([
        scenario.position,
        scenario.title,
        '',
        '',
        '',
        '',
        verbatim.authorName ?? `Testeur·rice n° ${verbatim.testerNumber}`,
        LEVEL_LABELS[verbatim.level],
        verbatim.device,
        verbatim.succeeded ? 'oui' : 'non',
        verbatim.rating,
        verbatim.text,
      ]);
    }
  }
  return toCsv(rows, FRENCH_SPREADSHEET);
}

/** GET /api/projets/campagnes/:id/resultats.csv — the public results of a closed campaign. */
export function mountResultsCsv(app: Express, { orm }: HttpRouteDeps): void {
  app.get('/api/projets/campagnes/:id/resultats.csv', async (req, res, next) => {
    try {
      const em = orm.em.fork();
      const id = req.params.id;
      const campaign = /^[0-9a-f-]{36}$/i.test(id) ? await em.findOne(Campaign, { id }, { populate: ['project'] }) : null;
      if (!campaign || !campaign.closedAt || campaign.hiddenAt || campaign.project.hiddenAt) {
        res
          .status(404)
          .type('text/plain; charset=utf-8')
          .send('Résultats introuvables : la campagne n’existe pas ou n’est pas encore close.\n');
        return;
      }
      const csv = resultsCsv(await campaignResults(em, campaign.id));
      res
        .type('text/csv; charset=utf-8')
        .set('content-disposition', `attachment; filename="resultats-${campaign.project.slug}.csv"`)
        .send(csv);
    } catch (error) {
      next(error);
    }
  });
}
