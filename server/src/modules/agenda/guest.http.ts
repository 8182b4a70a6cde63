import type { Express, Request, Response } from 'express';
import { logger } from '../../logger.js';
import type { HttpRouteDeps } from '../commun/section.js';
import { calendarRows, renderCalendar } from './calendar.js';
import { guestRegistration } from './guest-registrations.js';
import { RegistrationStatus } from './registration.entity.js';

/** "Ajouter à mon agenda" on a guest's private page: the event as an iCalendar file, by the private link. */
export function mountGuestRoutes(app: Express, deps: HttpRouteDeps): void {
  app.get('/ical/invites/:file', async (req: Request, res: Response) => {
    try {
      const file = String(req.params.file);
      const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
      const em = deps.orm.em.fork();
      const view = token ? await guestRegistration(em, token) : null;
      if (!view?.registration || view.registration.status === RegistrationStatus.CANCELLED) {
        res.status(404).type('text/plain; charset=utf-8').send('Ce lien n’est pas valable, ou l’inscription est annulée.');
        return;
      }
      const origin = (deps.config.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '');
      const body = renderCalendar(view.event.title, await calendarRows(em, { eventId: view.event.id }), origin);
      res
        .status(200)
        .set({
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': `attachment; filename="evenement-${view.event.id}.ics"`,
          'cache-control': 'private, no-store',
        })
        .send(body);
    } catch (error) {
      logger.error({ err: error, path: '/ical/invites' }, 'guest calendar failed');
      res.status(500).type('text/plain; charset=utf-8').send('Une erreur inattendue s’est produite. Réessayez dans un instant.');
    }
  });
}
