/**
 * Open data: the whole public directory in the standard v1.0.2, as CSV and JSON
 * (`GET /api/lieux.csv`, `GET /api/lieux.json`). A place is published once it has what the
 * standard requires (nom, adresse, commune, code postal). `id` is the place's own id in Maillage (unique in the
 * export; the ids of its sources are theirs: place_source), `source` who collected the data ("Maillage" for a
 * place created here); Maillage fills `pivot` and `date_maj` when a place has none of its own.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql } from '../../db/sql.js';
import type { Express } from 'express';
import type { HttpRouteDeps } from '../commun/section.js';
import { logger } from '../../logger.js';
import { toCsv } from '../../shared/csv.js';
import { LIST_PROPERTIES, PLACEHOLDER_PIVOT, PROPERTY_OF, STANDARD_COLUMNS, type PlaceFields, type StandardColumn } from './standard.js';

export type StandardRecord = Partial<Record<StandardColumn, string | number>>;

/** Every published place, in the standard's shape, in one SQL statement. */
export async function exportPlaces(em: EntityManager): Promise<StandardRecord[]> {
  const rows = await query<PlaceFields>(
    em,
    sql`
    select id::text as "standardId", coalesce(pivot, ${PLACEHOLDER_PIVOT}) as pivot, name, commune,
      code_postal as "codePostal", code_insee as "codeInsee", adresse, complement_adresse as "complementAdresse", latitude, longitude,
      typologie, telephone, courriels, site_web as "siteWeb", horaires, presentation_resume as "presentationResume",
      presentation_detail as "presentationDetail", coalesce(nullif(source, ''), 'Maillage') as source, itinerance, structure_parente as "structureParente",
      coalesce(date_maj, (updated_at at time zone 'Europe/Paris')::date)::text as "dateMaj", services,
      publics_specifiquement_adresses as "publicsSpecifiquementAdresses", prise_en_charge_specifique as "priseEnChargeSpecifique",
      frais_a_charge as "fraisACharge", dispositif_programmes_nationaux as "dispositifProgrammesNationaux",
      formations_labels as "formationsLabels", autres_formations_labels as "autresFormationsLabels", modalites_acces as "modalitesAcces",
      modalites_accompagnement as "modalitesAccompagnement", fiche_acces_libre as "ficheAccesLibre", prise_rdv as "priseRdv"
    from organization
    where adresse is not null and commune is not null and code_postal is not null
    order by name, id`,
  );
  return rows.map(toStandardRecord);
}

/** Maillage's fields → the standard's columns (multi-values joined by `|`, empty ones left out). */
export function toStandardRecord(place: PlaceFields): StandardRecord {
  const record: StandardRecord = {};
  for (const column of STANDARD_COLUMNS) {
    const property = PROPERTY_OF[column];
    const value = place[property];
    if (LIST_PROPERTIES.has(property)) {
      const list = value as string[] | null;
      if (list?.length) record[column] = list.join('|');
    } else if (value !== null && value !== undefined && value !== '') {
      record[column] = value as string | number;
    }
  }
  return record;
}

/**
 * The standard's CSV: `,`, every text quoted. Latitude and longitude are numbers and stay so
 * (`-1.55`); a text that could run as a spreadsheet formula gets its apostrophe (shared/csv.ts).
 */
export function placesCsv(records: StandardRecord[]): string {
  return toCsv([[...STANDARD_COLUMNS], ...records.map((record) => STANDARD_COLUMNS.map((column) => record[column] ?? ''))], {
    delimiter: ',',
    quoteText: true,
  });
}

export function mountOpenData(app: Express, { orm }: HttpRouteDeps): void {
  const serve = (type: 'csv' | 'json') => async (_req: unknown, res: import('express').Response) => {
    try {
      const records = await exportPlaces(orm.em.fork());
      res.set({
        'Access-Control-Allow-Origin': '*',
        // Open data: any site may use it (the security headers keep other responses to this site).
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Cache-Control': 'public, max-age=300',
        'Content-Disposition': `inline; filename="lieux-mediation-numerique.${type}"`,
      });
      if (type === 'csv') res.type('text/csv; charset=utf-8').send(placesCsv(records));
      else res.type('application/json; charset=utf-8').send(JSON.stringify(records));
    } catch (error) {
      logger.error({ err: error }, 'open data export failed');
      res.status(500).type('text/plain; charset=utf-8').send('L’export n’a pas pu être produit. Réessayez dans un instant.');
    }
  };
  app.get('/api/lieux.csv', serve('csv'));
  app.get('/api/lieux.json', serve('json'));
}
