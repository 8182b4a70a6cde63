import cookieParser from 'cookie-parser';
import type { Express, Request, Response } from 'express';
import { logger } from '../../logger.js';
import { sessionToken } from '../../http/session-cookie.js';
import { isDepartement, normalizeDepartement } from '../../shared/territory.js';
import { findSession } from '../comptes/comptes.service.js';
import type { HttpRouteDeps } from '../commun/section.js';
import { Organization } from '../reseau/organization.entity.js';
import { attendanceSheetCsv } from './attendance.js';
import { calendarTokenOwner } from './calendar-link.service.js';
import { calendarRows, renderCalendar, type CalendarScope } from './calendar.js';
import { canManageEvent, findVisibleEvent, isUuid } from './events.service.js';
import { eventZone, localDay } from '../../shared/local-time.js';

function origin(req: Request, deps: HttpRouteDeps): string {
  return (deps.config.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '');
}

/** "abc.ics" → "abc"; anything else → null. */
function stripExtension(file: string | string[] | undefined, extension: string): string | null {
  if (typeof file !== 'string' || !file.endsWith(extension)) return null;
  return file.slice(0, -extension.length);
}

function plain(res: Response, status: number, text: string): void {
  res.status(status).type('text/plain; charset=utf-8').send(text);
}

/**
 * Calendars (RFC 5545) beside GraphQL: one event, an organization, a département, and each
 * person's private "my agenda" feed; and the attendance sheet (CSV) for organizers.
 */
export function mountAgendaRoutes(app: Express, deps: HttpRouteDeps): void {
  const sendCalendar = async (req: Request, res: Response, name: string, scope: CalendarScope, cache: string) => {
    const em = deps.orm.em.fork();
    const body = renderCalendar(name, await calendarRows(em, scope), origin(req, deps));
    res.status(200).set({ 'content-type': 'text/calendar; charset=utf-8', 'cache-control': cache }).send(body);
  };
  const guarded = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      logger.error({ err: error, path: req.path }, 'agenda route failed');
      plain(res, 500, 'Une erreur inattendue s’est produite. Réessayez dans un instant.');
    }
  };

  app.get(
    '/ical/events/:file',
    guarded(async (req, res) => {
      const id = stripExtension(req.params.file, '.ics');
      const event = id && isUuid(id) ? await findVisibleEvent(deps.orm.em.fork(), id, null) : null;
      if (!event) return plain(res, 404, 'Cet événement n’existe pas ou plus.');
      res.set('content-disposition', `attachment; filename="evenement-${event.id}.ics"`);
      await sendCalendar(req, res, event.title, { eventId: event.id }, 'public, max-age=300');
    }),
  );

  app.get(
    '/ical/organizations/:file',
    guarded(async (req, res) => {
      const key = stripExtension(req.params.file, '.ics');
      const em = deps.orm.em.fork();
      const organization = key ? await em.findOne(Organization, isUuid(key) ? { id: key } : { slug: key }) : null;
      if (!organization) return plain(res, 404, 'Cette organisation n’existe pas.');
      await sendCalendar(req, res, `Agenda — ${organization.name}`, { organizationId: organization.id }, 'public, max-age=900');
    }),
  );

  app.get(
    '/ical/departements/:file',
    guarded(async (req, res) => {
      const code = normalizeDepartement(stripExtension(req.params.file, '.ics'));
      if (!code || !isDepartement(code)) return plain(res, 404, 'Ce numéro de département n’existe pas (exemple : 44.ics).');
      await sendCalendar(req, res, `Agenda de la médiation numérique — ${code}`, { departement: code }, 'public, max-age=900');
    }),
  );

  app.get(
    '/ical/me/:file',
    guarded(async (req, res) => {
      const token = stripExtension(req.params.file, '.ics');
      const owner = token ? await calendarTokenOwner(deps.orm.em.fork(), token) : null;
      if (!owner) return plain(res, 404, 'Ce lien d’agenda n’est plus valable : créez-en un nouveau depuis « Mes inscriptions ».');
      await sendCalendar(req, res, `Mon agenda Maillage — ${owner.displayName}`, { userId: owner.userId }, 'private, no-store');
    }),
  );

  app.get(
    '/api/agenda/events/:id/emargement.csv',
    cookieParser(),
    guarded(async (req, res) => {
      const em = deps.orm.em.fork();
      const token = sessionToken(req);
      const session = token ? await findSession(em, token) : null;
      if (!session) return plain(res, 401, 'Connectez-vous pour télécharger la feuille d’émargement.');
      const id = String(req.params.id);
      const event = await findVisibleEvent(em, id, session.user);
      if (!event) return plain(res, 404, 'Cet événement n’existe pas ou plus.');
      if (!(await canManageEvent(em, event, session.user))) {
        return plain(res, 403, 'Seuls les administrateurs et éditeurs de l’organisation peuvent télécharger la feuille d’émargement.');
      }
      const date = localDay(event.startsAt, eventZone(event));
      res
        .status(200)
        .set({
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="emargement-${date}-${event.id.slice(0, 8)}.csv"`,
          'cache-control': 'private, no-store',
        })
        .send(await attendanceSheetCsv(em, event));
    }),
  );
}
