import 'reflect-metadata';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type PubSub } from 'type-graphql';
import { resolvers } from '../sections.js';
import { authChecker } from './auth.js';
import { cacheControlDirective } from './cache-hints.js';
import { keepInheritedBounds } from './input-limits.js';

let schema: Promise<GraphQLSchema> | undefined;

const noTopics: PubSub = {
  publish() {
    throw new Error('publish live updates with publishLive() (server/src/live/publish.ts)');
  },
  subscribe() {
    throw new Error('a @Subscription here brings its own `subscribe` (server/src/live/stream.ts), not `topics`');
  },
};

/** The GraphQL schema, built once from the type-graphql resolvers of every module. */
export function getSchema(): Promise<GraphQLSchema> {
  const [first, ...others] = resolvers;
  schema ??= buildSchema({
    resolvers: [first, ...others],
    authChecker,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Apollo's cache hints on public reads (graphql/cache-hints.ts).
    directives: [...specifiedDirectives, cacheControlDirective],
    // type-graphql wants a PubSub as soon as there is a @Subscription; ours all bring their own
    // `subscribe` (live/stream.ts), so topics through it are a mistake.
    pubSub: noTopics,
    validate: false,
  }).then(keepInheritedBounds);
  return schema;
}
