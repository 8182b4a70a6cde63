import { fail, type ActionFailure } from '@sveltejs/kit';
import { translate, type Lang } from '$lib/i18n';
import { hoursSent } from '$lib/reseau/horaires';

/**
 * The hours a place's form sent (`HoursField.svelte`), as OpenStreetMap text — or the form's answer when
 * a day is wrong: each mistake next to its day, and what the person typed kept. The place's edit form
 * and "Signaler une erreur" both read their week through here.
 */
export function hoursOfForm(
  lang: Lang,
  values: Record<string, string>,
  saved: string | null | undefined,
):
  | { text: string; failure: null }
  | { text: null; failure: ActionFailure<{ message: string; fields: Record<string, string>; values: Record<string, string> }> } {
  const hours = hoursSent(values, saved);
  if (!hours.mistakes) return { text: hours.text, failure: null };
  const fields = Object.fromEntries(hours.mistakes.map(([field, mistake]) => [field, translate(lang, `reseau.hours.${mistake}`)]));
  return { text: null, failure: fail(400, { message: translate(lang, 'reseau.hours.check'), fields, values }) };
}
