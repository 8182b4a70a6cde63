import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { databaseOutage, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/outage.js';
import { currentLang, say, type Text } from '../i18n/lang.js';
import { logger } from '../logger.js';

export type ErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'RATE_LIMITED' | 'SERVICE_UNAVAILABLE';

/**
 * An error meant for the person using Maillage: a code from the API conventions (docs/architecture.md),
 * a message in both languages, and for bad input the message of each offending field.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Text,
    readonly fields: Record<string, Text> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(text.en);
  }
}

export const unauthenticated = (text = say('Vous devez être connecté·e pour faire cela.', 'You must be signed in to do this.')) =>
  new AppError('UNAUTHENTICATED', text);

export const forbidden = (text = say('Vous n’avez pas le droit de faire cela.', 'You are not allowed to do this.')) =>
  new AppError('FORBIDDEN', text);

export const notFound = (text = say('Ce que vous cherchez n’existe pas ou plus.', 'What you are looking for does not exist.')) =>
  new AppError('NOT_FOUND', text);

export const conflict = (text: Text, extra: Record<string, unknown> = {}) => new AppError('CONFLICT', text, {}, extra);

/** Bad input: one message per offending field, and a summary. */
export function badInput(fields: Record<string, Text>, summary?: Text): AppError {
  const first = Object.values(fields)[0];
  return new AppError(
    'BAD_USER_INPUT',
    summary ?? first ?? say('Certaines informations sont incorrectes.', 'Some information is invalid.'),
    fields,
  );
}

/** Collects field errors so a form reports all its mistakes at once. */
export class FieldErrors {
  private readonly fields: Record<string, Text> = {};
  add(field: string, text: Text): void {
    if (!this.fields[field]) this.fields[field] = text;
  }
  has(field: string): boolean {
    return field in this.fields;
  }
  get isEmpty(): boolean {
    return Object.keys(this.fields).length === 0;
  }
  throwIfAny(): void {
    if (!this.isEmpty) throw badInput(this.fields);
  }
}

const UNAVAILABLE = say(
  'Le service est momentanément indisponible. Réessayez dans un instant.',
  'The service is temporarily unavailable. Please try again in a moment.',
);

/**
 * The database could not be reached while building a request's context (before any plugin runs):
 * Apollo answers 503 with Retry-After from `extensions.http`. Resolvers' errors get the same through
 * graphql/operation-plugins.ts.
 */
export function serviceUnavailable(cause: unknown): GraphQLError {
  return new GraphQLError(UNAVAILABLE.en, {
    originalError: cause instanceof Error ? cause : undefined,
    extensions: {
      code: 'SERVICE_UNAVAILABLE' satisfies ErrorCode,
      http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}

const REFUSED = say('Requête refusée : ', 'Request refused: ');

/** Apollo's `formatError`: readable messages in the request's language, never a stack trace in production. */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const lang = currentLang();
    const unwrapped = unwrapResolverError(error);
    // An AppError thrown by a plugin before execution (graphql/input-limits.ts) comes wrapped, without a path.
    const original = unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError ? unwrapped.originalError : unwrapped;
    if (original instanceof AppError) {
      const fields = Object.fromEntries(Object.entries(original.fields).map(([name, text]) => [name, text[lang]]));
      return {
        message: original.text[lang],
        path: formatted.path,
        extensions: { code: original.code, ...(Object.keys(fields).length ? { fields } : {}), ...original.extra },
      };
    }
    const code = (formatted.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
    // An outage of the database: "retry", logged once for the whole outage (db/outage.ts), not per request.
    if (code === 'SERVICE_UNAVAILABLE' || (code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(original))) {
      databaseOutage.failed(original);
      return { message: UNAVAILABLE[lang], path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    if (code === 'INTERNAL_SERVER_ERROR') {
      logger.error({ err: original }, 'unexpected error in a GraphQL operation');
      const text = say(
        'Une erreur inattendue s’est produite. Réessayez dans un instant.',
        'An unexpected error occurred. Please try again in a moment.',
      );
      return production
        ? { message: text[lang], path: formatted.path, extensions: { code } }
        : { ...formatted, message: `${text[lang]} (${formatted.message})` };
    }
    if (formatted.message.includes('Cross-Site Request Forgery')) {
      const text = say(
        'Requête refusée par la protection contre les requêtes intersites (CSRF) : envoyez du JSON (Content-Type: application/json).',
        'Request refused by the cross-site request forgery (CSRF) protection: send JSON (Content-Type: application/json).',
      );
      return { message: text[lang], extensions: { code } };
    }
    // Errors raised by GraphQL itself (a malformed query, a wrong argument type…).
    const extensions = production ? { code } : { ...formatted.extensions, code };
    return { message: REFUSED[lang] + formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  };
}

export { GraphQLError };
