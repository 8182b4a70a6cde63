import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { resolvers } from '../sections.js';
import { authChecker } from './auth.js';
import { keepInheritedBounds } from './input-limits.js';

let schema: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema, built once from the type-graphql resolvers of every module. */
export function getSchema(): Promise<GraphQLSchema> {
  const [first, ...others] = resolvers;
  schema ??= buildSchema({
    resolvers: [first, ...others],
    authChecker,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
  }).then(keepInheritedBounds);
  return schema;
}
