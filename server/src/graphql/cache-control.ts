import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, Kind, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { Extensions } from 'type-graphql';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import type { Context } from './context.js';

/**
 * HTTP caching of public reads (issue #15, point 5). A root query field open to visitors declares how long its
 * answer to a visitor may be kept, `@CacheControl({ maxAge: 60 })` (the hint of Apollo's `@cacheControl`
 * directive, on root fields only). An operation is then answered with `Cache-Control: public, max-age=<the
 * smallest of its root fields>` only when all of these hold:
 * - it is a query asked with GET (a POST is never kept by a cache);
 * - nobody is signed in and the request carries no session cookie at all;
 * - every root field it selects has a hint, and the answer has no error.
 * Every other answer says `private, no-store` (a signed-in person's data, or a session cookie) or `no-store`.
 * Answers vary with the language (`Accept-Language`, the `lang` cookie): `Vary: Accept-Language, Cookie`.
 *
 * Apollo's own cache-control plugin is not used: it wraps every field resolver of every operation
 * (`willResolveField`) to compute a hint per field, a cost every list paid (docs/bench.md). Hints on nested
 * fields would mean nothing here anyway: only visitors' answers are ever public.
 */
export function CacheControl(hint: { maxAge: number }): MethodDecorator & PropertyDecorator {
  if (!Number.isInteger(hint.maxAge) || hint.maxAge < 1)
    throw new Error(`CacheControl(${hint.maxAge}): a positive whole number of seconds`);
  return Extensions({ cacheControl: { maxAge: hint.maxAge } });
}

/** The public max-age of an operation's root fields (through fragments), or null when one has none. */
function publicMaxAge(schema: GraphQLSchema, selectionSet: SelectionSetNode, fragments: Map<string, SelectionSetNode>): number | null {
  const queryType = schema.getQueryType();
  if (!queryType) return null;
  const fields = queryType.getFields();
  let smallest = Infinity;
  const walk = (set: SelectionSetNode, seen: Set<string>): boolean => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__typename') continue;
        const maxAge = (fields[selection.name.value]?.extensions?.cacheControl as { maxAge?: number } | undefined)?.maxAge;
        if (typeof maxAge !== 'number') return false;
        smallest = Math.min(smallest, maxAge);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!walk(selection.selectionSet, seen)) return false;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(selection.name.value)) return false;
        if (!walk(fragment, new Set([...seen, selection.name.value]))) return false;
      }
    }
    return true;
  };
  return walk(selectionSet, new Set()) && Number.isFinite(smallest) ? smallest : null;
}

export function httpCaching(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, document, contextValue }) {
          const headers = response.http.headers;
          const signedIn = !!contextValue.user || (contextValue.req?.get('cookie') ?? '').includes(`${SESSION_COOKIE}=`);
          if (signedIn) {
            headers.set('cache-control', 'private, no-store');
            return;
          }
          const operation = document ? getOperationAST(document, request.operationName) : null;
          let maxAge: number | null = null;
          if (
            document &&
            operation?.operation === 'query' &&
            request.http?.method === 'GET' &&
            response.body.kind === 'single' &&
            !response.body.singleResult.errors
          ) {
            const fragments = new Map<string, SelectionSetNode>();
            for (const definition of document.definitions) {
              if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
            }
            maxAge = publicMaxAge(schema, operation.selectionSet, fragments);
          }
          if (maxAge === null) {
            headers.set('cache-control', 'no-store');
            return;
          }
          headers.set('cache-control', `public, max-age=${maxAge}`);
          headers.set('vary', 'Accept-Language, Cookie');
        },
      };
    },
  };
}
