import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { hoursOfForm } from '$lib/server/horaires';
import { phoneDisplay } from '$lib/reseau/telephone';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PLACE = graphql(`
  query ReseauSuggestPlace($slug: String!) {
    organization(slug: $slug) {
      id
      name
      slug
      adresse
      complementAdresse
      codePostal
      commune
      telephone
      courriels
      siteWeb
      horaires
      presentationResume
      priseRdv
    }
  }
`);

const SUGGEST = graphql(`
  mutation ReseauSuggestPlaceChanges($input: SuggestPlaceChangesInput!) {
    suggestPlaceChanges(input: $input) {
      id
    }
  }
`);

/** The fields a visitor most often finds wrong, in the order of the page; lists are one value a line. */
const FIELDS = [
  'name',
  'adresse',
  'complementAdresse',
  'codePostal',
  'commune',
  'telephone',
  'courriels',
  'siteWeb',
  'horaires',
  'presentationResume',
  'priseRdv',
] as const;
const LISTS = new Set<string>(['courriels', 'siteWeb']);

type Place = NonNullable<Awaited<ReturnType<typeof loadPlace>>>;

async function loadPlace(event: RequestEvent) {
  const data = await query(event, PLACE, { slug: event.params.slug });
  if (!data.organization) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return data.organization;
}

/** A field's value as the form shows it (lists one value a line, the phone as people write it). */
function shown(place: Place, field: (typeof FIELDS)[number]): string {
  const value = place[field];
  if (Array.isArray(value)) return value.join('\n');
  if (field === 'telephone' && value) return phoneDisplay(value);
  return value ?? '';
}

const same = (a: string, b: string) =>
  a
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n') ===
  b
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');

export const load: PageServerLoad = async (event) => {
  const place = await loadPlace(event);
  return {
    place: { id: place.id, name: place.name, slug: place.slug },
    fields: FIELDS.map((field) => ({ field, value: shown(place, field), list: LISTS.has(field) })),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const place = await loadPlace(event);
    // The week filled in day by day, written as OpenStreetMap does (HoursField.svelte).
    const hours = hoursOfForm(event.locals.lang, values, place.horaires);
    if (hours.failure) return hours.failure;
    const sent: Record<string, string> = { ...values, horaires: hours.text };
    // Only what the person changed is sent: the people who decide see just that.
    const changes = FIELDS.filter((field) => field in sent && !same(sent[field], shown(place, field))).map((field) => ({
      field,
      value: sent[field].trim() || null,
    }));
    const result = await mutate(event, SUGGEST, { input: { organizationId: place.id, changes, comment: values.comment || null } }, values);
    if (!result.ok) return result.failure;
    return { sent: true };
  },
};
