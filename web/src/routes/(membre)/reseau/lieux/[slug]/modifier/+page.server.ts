import { error, fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { hoursOfForm } from '$lib/server/horaires';
import { uploadedFileId } from '$lib/server/fichiers';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const EDITABLE = graphql(`
  query ReseauPlaceEdit($slug: String!) {
    organization(slug: $slug) {
      id
      name
      slug
      kind
      myRole
      logoUrl
      logo {
        fileId
        thumbnailUrl
        alt
      }
      pivot
      commune
      codePostal
      codeInsee
      departement
      adresse
      complementAdresse
      latitude
      longitude
      typologie
      telephone
      courriels
      siteWeb
      horaires
      presentationResume
      presentationDetail
      itinerance
      structureParente
      services
      publicsSpecifiquementAdresses
      priseEnChargeSpecifique
      fraisACharge
      dispositifProgrammesNationaux
      formationsLabels
      autresFormationsLabels
      modalitesAcces
      modalitesAccompagnement
      ficheAccesLibre
      priseRdv
    }
    standardVocabulary {
      field
      values
    }
  }
`);

const UPDATE = graphql(`
  mutation ReseauUpdatePlace($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) {
      id
      slug
    }
  }
`);

const TEXT_FIELDS = [
  'name',
  'pivot',
  'commune',
  'codePostal',
  'codeInsee',
  'adresse',
  'complementAdresse',
  'telephone',
  'presentationResume',
  'presentationDetail',
  'structureParente',
  'ficheAccesLibre',
  'priseRdv',
] as const;
const LINE_LISTS = ['courriels', 'siteWeb', 'typologie', 'autresFormationsLabels'] as const;
const CHECKBOX_LISTS = [
  'services',
  'publicsSpecifiquementAdresses',
  'priseEnChargeSpecifique',
  'fraisACharge',
  'dispositifProgrammesNationaux',
  'formationsLabels',
  'modalitesAcces',
  'modalitesAccompagnement',
  'itinerance',
] as const;

export const load: PageServerLoad = async (event) => {
  const data = await query(event, EDITABLE, { slug: event.params.slug });
  if (!data.organization) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  if (data.organization.myRole !== 'ADMIN' && data.organization.myRole !== 'EDITOR') {
    error(403, { message: translate(event.locals.lang, 'reseau.edit.forbidden') });
  }
  return { place: data.organization, vocabulary: data.standardVocabulary };
};

/** A decimal typed the French way ("47,36") or not; empty → null; not a number → NaN, which the API refuses next to the field. */
function decimal(raw: string | undefined): number | null {
  if (!raw?.trim()) return null;
  const value = Number(raw.trim().replace(',', '.'));
  return Number.isFinite(value) ? value : Number.NaN;
}

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const input: Record<string, unknown> = { id: values.id ?? '' };
    for (const field of TEXT_FIELDS) input[field] = values[field]?.trim() ? values[field] : null;
    // The week filled in day by day, written as OpenStreetMap does (HoursField.svelte).
    const hours = hoursOfForm(event.locals.lang, values, values['horaires-avant']);
    if (hours.failure) return hours.failure;
    input.horaires = hours.text.trim() || null;
    for (const field of LINE_LISTS)
      input[field] = (values[field] ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    for (const field of CHECKBOX_LISTS) {
      input[field] = data.getAll(field).map(String);
      values[field] = (input[field] as string[]).join('\n');
    }
    // The uploaded logo (FileUpload.svelte) and its description; the old typed address stays as it is.
    const logo = await uploadedFileId(event, data, 'logoFileId', 'logo');
    if (logo.error) return fail(400, { message: logo.error, fields: { logoFileId: logo.error } as Record<string, string>, values });
    if (logo.id !== undefined) {
      input.logoFileId = logo.id;
      input.logoAlt = values.logoAlt?.trim() || null;
      values.logoFileId = logo.id ?? '';
    }
    input.latitude = decimal(values.latitude);
    input.longitude = decimal(values.longitude);
    if (Number.isNaN(input.latitude) || Number.isNaN(input.longitude)) {
      // GraphQL cannot carry NaN: the API's own message for an impossible position is used instead.
      if (Number.isNaN(input.latitude)) input.latitude = 999;
      if (Number.isNaN(input.longitude)) input.longitude = 999;
    }
    const result = await mutate(event, UPDATE, { input: input as never }, values);
    if (!result.ok) return result.failure;
    return { saved: true };
  },
};
