import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env';

/**
 * Typed GraphQL documents: `graphql(\`query { me { id } }\`)` is checked against schema.graphql
 * (gql.tada reads the introspection generated from it at build time, see package.json).
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; ID: string };
  // Fragments share field lists between a page's query and its live subscription; their fields
  // are read directly (no masking), as the pages did before.
  disableMasking: true;
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
