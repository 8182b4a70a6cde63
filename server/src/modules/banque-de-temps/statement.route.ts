import cookieParser from 'cookie-parser';
import type { Express } from 'express';
import type { HttpRouteDeps } from '../commun/section.js';
import { sessionToken } from '../../http/session-cookie.js';
import { findSession } from '../comptes/comptes.service.js';
import { POOL_ACCOUNT_ID } from './ledger.entity.js';
import { accountIdOf, isCoordinator, statementCsv } from './ledger.service.js';

/**
 * Statements as CSV for a spreadsheet: `/api/banque-de-temps/releve.csv` (my account, session cookie)
 * and `/api/banque-de-temps/fonds-commun.csv` (the pool, coordinators only).
 */
export function mountStatementRoutes(app: Express, { orm }: HttpRouteDeps): void {
  const send = (res: import('express').Response, filename: string, body: string) => {
    res.set({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    });
    res.send(body);
  };

  app.get('/api/banque-de-temps/releve.csv', cookieParser(), async (req, res, next) => {
    try {
      const em = orm.em.fork();
      const token = sessionToken(req);
      const session = token ? await findSession(em, token) : null;
      if (!session) {
        res.status(401).type('text/plain; charset=utf-8').send('Connectez-vous pour télécharger votre relevé.');
        return;
      }
      const accountId = await accountIdOf(em, session.user.id);
      const day = new Date().toISOString().slice(0, 10);
      send(res, `releve-banque-de-temps-${day}.csv`, await statementCsv(em, accountId));
    } catch (error) {
      next(error);
    }
  });

  app.get('/api/banque-de-temps/fonds-commun.csv', cookieParser(), async (req, res, next) => {
    try {
      const em = orm.em.fork();
      const token = sessionToken(req);
      const session = token ? await findSession(em, token) : null;
      if (!session) {
        res.status(401).type('text/plain; charset=utf-8').send('Connectez-vous pour télécharger ce relevé.');
        return;
      }
      if (!(await isCoordinator(em, session.user))) {
        res.status(403).type('text/plain; charset=utf-8').send('Seuls les coordinateurs consultent le relevé du fonds commun.');
        return;
      }
      const day = new Date().toISOString().slice(0, 10);
      send(res, `releve-fonds-commun-${day}.csv`, await statementCsv(em, POOL_ACCOUNT_ID));
    } catch (error) {
      next(error);
    }
  });
}
