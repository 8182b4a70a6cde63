import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from 'graphql';
import { sessionToken } from '../http/session-cookie.js';
import type { Context } from './context.js';

/**
 * HTTP caching of public reads (issue #15). A query asked with GET by someone who is not signed in (no session
 * cookie) reads only what anyone may read: its answer says `Cache-Control: max-age=60, public`, so a browser,
 * a reverse proxy or a CDN may keep it a minute; a field that changes faster says less with Apollo's hint
 * (`@Directive('@cacheControl(maxAge: 10)')`, the shortest wins). An answer with an error is not kept. Every
 * other answer (POST, signed in, mutations) says `private, no-store`: nobody's own data lands in a shared cache.
 * Answers vary with the language (cookie or Accept-Language), hence `Vary`.
 * Pages are not cached: their Content-Security-Policy nonce is new on every answer (web/src/hooks.server.ts).
 */
export const PUBLIC_MAX_AGE_SECONDS = 60;

const CacheControlScope = new GraphQLEnumType({ name: 'CacheControlScope', values: { PUBLIC: {}, PRIVATE: {} } });

/** Apollo's `@cacheControl` directive, declared as its documentation does, so the schema says what the hints mean. */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'How long an answer holding this field may be kept by a cache (public reads asked with GET).',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: { maxAge: { type: GraphQLInt }, scope: { type: CacheControlScope }, inheritMaxAge: { type: GraphQLBoolean } },
});

/**
 * A read anyone could make with the same words: GET (a query: Apollo refuses mutations there) without a session
 * cookie (whoever is signed in sends one; a stale one also keeps the answer private, as it clears the cookie).
 */
function isPublicRead(method: string | undefined, context: Context): boolean {
  return method === 'GET' && !!context.req && !sessionToken(context.req);
}

/**
 * Apollo's cache-control plugin, run for public reads only: computing a policy wraps every field's resolver,
 * which the signed-in lists (POST) have no use for. Keep `ApolloServerPluginCacheControlDisabled()` next to it,
 * or Apollo installs its own for every request.
 */
export function publicReadCaching(): ApolloServerPlugin<Context> {
  const hints = ApolloServerPluginCacheControl({ defaultMaxAge: PUBLIC_MAX_AGE_SECONDS });
  return {
    async serverWillStart(service) {
      await hints.serverWillStart?.(service);
    },
    async requestDidStart(requestContext): Promise<GraphQLRequestListener<Context>> {
      if (!isPublicRead(requestContext.request.http?.method, requestContext.contextValue)) {
        return {
          async willSendResponse({ response }) {
            response.http.headers.set('cache-control', 'private, no-store');
          },
        };
      }
      const policy = (await hints.requestDidStart?.(requestContext)) ?? {};
      return {
        ...policy,
        async willSendResponse(responseContext) {
          await policy.willSendResponse?.(responseContext);
          responseContext.response.http.headers.set('vary', 'accept-language, cookie');
        },
      };
    },
  };
}
