import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { currentLang, say } from '../i18n/lang.js';

/**
 * The largest GraphQL request body. The longest legitimate one is a directory file sent to
 * `importPlaces` (its `content` is bounded to 4,000,000 characters in reseau.input.ts); every other
 * string is bounded far below (graphql/input-limits.ts).
 */
export const GRAPHQL_BODY_LIMIT = '5mb';

/** A body too large or not JSON is answered like any refused GraphQL request, in the person's language. */
const refuseBody: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
  const text =
    error.type === 'entity.too.large'
      ? say('La requête est trop volumineuse (5 Mo au plus).', 'The request is too large (5 MB at most).')
      : error.type === 'entity.parse.failed'
        ? say('La requête n’est pas du JSON valide.', 'The request is not valid JSON.')
        : null;
  if (!text) return next(error);
  res.status(error.status ?? 400).json({ errors: [{ message: text[currentLang()], extensions: { code: 'BAD_USER_INPUT' } }] });
};

/** The body parser of /graphql and its refusal. */
export function graphqlBody(): [RequestHandler, ErrorRequestHandler] {
  return [express.json({ limit: GRAPHQL_BODY_LIMIT }), refuseBody];
}
