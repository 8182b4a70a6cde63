import { browser } from '$app/environment';
import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';

/**
 * A question the browser asks the API while a person types or clicks (member suggestions, similar questions, more
 * comments). The client (urql) is loaded on the first such question, not with every page: most visits never ask one,
 * and a phone then parses and runs less script while the page starts (issue #21). Always POST (Apollo's CSRF
 * protection refuses a GET query without a preflight header), always from the network. A failure (no network, the
 * script not reachable) answers without data, as an error from the API would: the page stays as it is.
 */
let client: Promise<Client> | undefined;

export async function browserQuery<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<{ data?: Data }> {
  if (!browser) throw new Error('browserQuery() is for the browser: pages read on the server through $lib/server/api');
  client ??= import('@urql/core').then(
    ({ Client, fetchExchange }) =>
      new Client({ url: '/graphql', exchanges: [fetchExchange], preferGetMethod: false, fetchOptions: { credentials: 'same-origin' } }),
  );
  try {
    const result = await (await client).query(document, variables, { requestPolicy: 'network-only' }).toPromise();
    return { data: result.data };
  } catch {
    client = undefined;
    return {};
  }
}
