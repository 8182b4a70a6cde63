/**
 * The guided orientation's steps (/orienter), one question each. The answers travel in the address (forms
 * with method GET), so every step works without JavaScript and a step can be shared or reloaded.
 */
export const STEPS = ['besoin', 'lieu', 'quand', 'trajet', 'accueil', 'resultats'] as const;
export type Step = (typeof STEPS)[number];

/** The questions asked (the results are not one). */
export const QUESTION_COUNT = STEPS.length - 1;

export interface Answers {
  besoin: string;
  ou: string;
  lat: string;
  lng: string;
  depuis: string;
  quand: string[];
  trajet: string;
  accueil: string[];
}

/** Which answers belong to a step's own form (the others travel as hidden fields). */
export const FIELDS_OF: Record<Step, Array<keyof Answers>> = {
  besoin: ['besoin'],
  lieu: ['ou', 'lat', 'lng', 'depuis'],
  quand: ['quand'],
  trajet: ['trajet'],
  accueil: ['accueil'],
  resultats: [],
};

/** The answers as address parameters, leaving out those of `except` (the step being answered). */
export function answerPairs(answers: Answers, except: Step | null = null): Array<[string, string]> {
  const own = except ? FIELDS_OF[except] : [];
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(answers) as Array<[keyof Answers, string | string[]]>) {
    if (own.includes(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) if (one) pairs.push([name, one]);
  }
  return pairs;
}

/** The address of a step with the answers given so far. */
export function stepHref(answers: Answers, step: Step): string {
  const search = new URLSearchParams(answerPairs(answers));
  search.set('etape', step);
  return `/orienter?${search}`;
}
