import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { AnyVariables, CombinedError, DocumentInput } from '@urql/core';
import { translate } from '$lib/i18n';
import { api } from './api';

export interface FormProblem {
  /** The sentence shown at the top of the form. */
  message: string;
  /** One message per field, shown next to it. */
  fields: Record<string, string>;
  /** What the person typed, given back so nothing is lost. */
  values: Record<string, string>;
}

/** The values of a submitted form, passwords left out (never sent back to the page). */
export function formValues(data: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of data) {
    if (typeof value === 'string' && !/password|motdepasse/i.test(name)) values[name] = value;
  }
  return values;
}

/** Field errors and message of a failed GraphQL call, in the shape the forms show. */
export function problemFrom(event: RequestEvent, failure: CombinedError | undefined, values: Record<string, string>): FormProblem {
  const first = failure?.graphQLErrors[0];
  const fields = (first?.extensions?.fields as Record<string, string> | undefined) ?? {};
  const message = first?.message ?? translate(event.locals.lang, 'common.networkError');
  return { message, fields, values };
}

/**
 * Runs a mutation for a form action: its data on success, or `fail(400 | 403 | 401…)` with the
 * messages next to the fields and what was typed.
 */
export async function mutate<Data, Variables extends AnyVariables>(
  event: RequestEvent,
  document: DocumentInput<Data, Variables>,
  variables: Variables,
  values: Record<string, string> = {},
) {
  const result = await api(event).mutation(document, variables).toPromise();
  if (result.error || !result.data) {
    const code = result.error?.graphQLErrors[0]?.extensions?.code;
    const status =
      code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : code === 'NOT_FOUND' ? 404 : code === 'RATE_LIMITED' ? 429 : 400;
    return { ok: false as const, failure: fail(status, problemFrom(event, result.error, values)) };
  }
  return { ok: true as const, data: result.data };
}

/**
 * Runs a query for a `load`: its data, or the error page (404, 403, 400…) with a readable message. A page link
 * whose cursor the API no longer knows (cut short, edited, or from an older version) shows the list's first page
 * rather than an error.
 */
export async function query<Data, Variables extends AnyVariables>(
  event: RequestEvent,
  document: DocumentInput<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await api(event).query(document, variables).toPromise();
  if (cursorRefused(result.error, variables)) return query(event, document, { ...variables, after: null });
  return dataOrErrorPage(event, result);
}

/** Whether the API refused only the page's cursor (`fields: { after: … }`) of a query that gave one. */
function cursorRefused(failure: CombinedError | undefined, variables: AnyVariables): boolean {
  const first = failure?.graphQLErrors[0];
  if (first?.extensions?.code !== 'BAD_USER_INPUT' || !(variables as Record<string, unknown>).after) return false;
  const fields = Object.keys((first.extensions.fields as Record<string, string> | undefined) ?? {});
  return fields.length === 1 && fields[0] === 'after';
}

/**
 * Runs a list's query with filters the person typed (a search, a département, a keyword): when the API refuses some
 * of them, the list is asked again without those, and the API's sentence for each comes back to show next to its
 * field, rather than an error page; what was typed stays in the form.
 */
export async function queryLeavingOut<Data, Variables extends AnyVariables, Filter extends keyof Variables & string>(
  event: RequestEvent,
  document: DocumentInput<Data, Variables>,
  variables: Variables,
  filters: readonly Filter[],
): Promise<{ data: Data; refused: Partial<Record<Filter, string>> }> {
  const refused: Partial<Record<Filter, string>> = {};
  let asked = variables;
  // Each round leaves out at least one filter or the cursor: a bounded number of rounds.
  for (let round = 0; round <= filters.length + 1; round++) {
    const result = await api(event).query(document, asked).toPromise();
    const first = result.error?.graphQLErrors[0];
    const fields =
      first?.extensions?.code === 'BAD_USER_INPUT' ? ((first.extensions.fields as Record<string, string> | undefined) ?? {}) : {};
    // A list's item is named by its place ("tags.0"): it is the list's filter that is left out.
    const sentenceFor = (filter: Filter) => Object.entries(fields).find(([name]) => name === filter || name.startsWith(`${filter}.`))?.[1];
    const leftOut = filters.filter((filter) => sentenceFor(filter) && (asked as Record<string, unknown>)[filter] != null);
    if (leftOut.length > 0) {
      for (const filter of leftOut) refused[filter] = sentenceFor(filter);
      asked = { ...asked, ...Object.fromEntries(leftOut.map((filter) => [filter, null])) };
    } else if (cursorRefused(result.error, asked)) asked = { ...asked, after: null };
    else return { data: dataOrErrorPage(event, result), refused };
  }
  return { data: await query(event, document, asked), refused };
}

function dataOrErrorPage<Data>(event: RequestEvent, result: { data?: Data; error?: CombinedError }): Data {
  if (result.error || !result.data) {
    const first = result.error?.graphQLErrors[0];
    const code = first?.extensions?.code;
    const status =
      code === 'NOT_FOUND' ? 404 : code === 'FORBIDDEN' ? 403 : code === 'UNAUTHENTICATED' ? 401 : code === 'BAD_USER_INPUT' ? 400 : 500;
    error(status, { message: first?.message ?? translate(event.locals.lang, 'common.networkError'), code: code as string | undefined });
  }
  return result.data;
}

/** Only paths of this site, so a crafted link cannot send people elsewhere after signing in. */
export function safeReturnPath(raw: string | null | undefined, fallback = '/'): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : fallback;
}
