import { FieldErrors } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { departementOfPlace } from '../../shared/territory.js';
import { normalizePlaceFields, placeProblems, type PlaceContext, type PlaceFields } from './standard.js';
import type { Organization } from './organization.entity.js';

/** The fields a person edits on an organization's page (the standard's, except `id`, `source` and `date_maj`, kept by Maillage). */
export type EditableField = Exclude<keyof PlaceFields, 'standardId' | 'source' | 'dateMaj'>;
export type OrganizationFieldsInput = Partial<Record<EditableField, unknown>> & {
  logoUrl?: string | null;
  /** The uploaded logo and its alt text: written by organisations.service.ts through the fichiers service, not here. */
  logoFileId?: string | null;
  logoAlt?: string | null;
};

export interface CheckedFields extends Partial<PlaceFields> {
  logoUrl?: string | null;
}

/** Normalizes and validates the given fields; throws BAD_USER_INPUT with one French message per offending field. */
export function checkedOrganizationFields(input: OrganizationFieldsInput, context: PlaceContext = {}): CheckedFields {
  const { logoUrl, ...standard } = input;
  const given = Object.fromEntries(Object.entries(standard).filter(([, value]) => value !== undefined));
  if ('name' in given && given.name === null) given.name = '';
  const fields: CheckedFields = normalizePlaceFields(given, context);
  const errors = new FieldErrors();
  for (const problem of placeProblems(fields, context)) errors.add(problem.field, problem.text);
  if (logoUrl !== undefined) {
    const url = logoUrl?.trim() || null;
    if (url && !/^https:\/\/[^\s]+\.[^\s]+$/.test(url)) {
      errors.add('logoUrl', say('L’adresse du logo doit commencer par https://.', 'The logo address must start with https://.'));
    }
    fields.logoUrl = url;
  }
  errors.throwIfAny();
  return fields;
}

/** Today in Paris, as the standard writes dates (YYYY-MM-DD). */
export function todayInParis(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Writes checked fields on the organization; a change by a person is dated today (`date_maj`). */
export function applyOrganizationFields(organization: Organization, fields: CheckedFields, options: { dateMaj?: string } = {}): void {
  Object.assign(organization, fields);
  if (fields.codePostal !== undefined || fields.codeInsee !== undefined) organization.departement = departementOfPlace(organization);
  organization.dateMaj = options.dateMaj ?? fields.dateMaj ?? todayInParis();
}
