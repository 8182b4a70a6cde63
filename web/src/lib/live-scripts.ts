/**
 * What live updates need in the browser, loaded by `$lib/live` with the first subscription rather than with every
 * page. Named imports here (not a namespace `import('graphql-ws')`), so the bundle keeps only the client: the
 * package's server half would bring the whole `graphql` library with it.
 */
export { createClient } from 'graphql-ws';
export { stringifyDocument } from '@urql/core';
