import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { Extensions, getMetadataStorage } from 'type-graphql';
import { say } from '../i18n/lang.js';
import { AppError, badInput, notFound } from './errors.js';

/**
 * Every string a client sends has a length bound, and every id is a UUID, checked once here for the
 * whole operation before any resolver runs (docs/architecture.md, "API conventions"):
 * - a `String` argument or input field holds at most `DEFAULT_MAX_LENGTH` characters, unless its
 *   declaration says more with `@MaxLength(n)` (bodies, descriptions, bios, memos, imports…);
 * - an `ID` argument or input field that is not a UUID names nothing that exists: `NOT_FOUND`, the
 *   answer an unknown UUID gets, so the shape of an id tells nothing more than its absence.
 */
export const DEFAULT_MAX_LENGTH = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The bounds declared with `@MaxLength`, per class and property (see `keepInheritedBounds`). */
const declaredBounds = new Map<object, Map<string, number>>();

/** A longer bound than the default for one text field of an `@InputType` or `@ArgsType` class (read in the schema's extensions). */
export function MaxLength(limit: number): PropertyDecorator {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`MaxLength(${limit}): a positive whole number of characters`);
  const extensions = Extensions({ maxLength: limit }) as PropertyDecorator;
  return (prototype, property) => {
    extensions(prototype, property);
    const bounds = declaredBounds.get(prototype.constructor) ?? new Map<string, number>();
    bounds.set(String(property), limit);
    declaredBounds.set(prototype.constructor, bounds);
  };
}

/**
 * A file given as text (an import's `content`): a null character there is for the file's reader to explain ("not a
 * text file", in the words of what it was reading), not refused here like any other text's.
 */
export function FileText(): PropertyDecorator {
  return Extensions({ fileText: true }) as PropertyDecorator;
}

/**
 * type-graphql builds an input type's inherited fields from its parent's GraphQL type and drops their
 * extensions there (schema/utils.js, getFieldMetadataFromInputType): a bound declared on an abstract
 * parent (OrganizationFieldsInput) would silently fall back to the default in every child. Put them back.
 */
export function keepInheritedBounds(schema: GraphQLSchema): GraphQLSchema {
  for (const { name, target } of getMetadataStorage().inputTypes) {
    const type = schema.getType(name);
    if (!isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (typeof field.extensions?.maxLength === 'number') continue;
      for (let owner: unknown = target; typeof owner === 'function' && owner !== Function.prototype; owner = Object.getPrototypeOf(owner)) {
        const limit = declaredBounds.get(owner)?.get(field.name);
        if (limit !== undefined) {
          field.extensions = { ...field.extensions, maxLength: limit };
          break;
        }
      }
    }
  }
  return schema;
}

/** Whether a String argument or input field is a file's text (`@FileText`). */
export function isFileText(input: GraphQLArgument | GraphQLInputField): boolean {
  return input.extensions?.fileText === true;
}

/** The bound of a String argument or input field: its `@MaxLength`, else the default. */
export function maxLengthOf(input: GraphQLArgument | GraphQLInputField): number {
  const declared = input.extensions?.maxLength;
  return typeof declared === 'number' ? declared : DEFAULT_MAX_LENGTH;
}

interface Problems {
  tooLong: Record<string, number>;
  /** Texts holding U+0000, which PostgreSQL cannot store nor compare (a crafted link, a broken file): said, not a 500. */
  nulCharacter: string[];
  malformedId: boolean;
}

/** Checks one value against its input type; `path` names the field as the forms know it (`title`, `articles.2.body`). */
function checkValue(type: GraphQLInputType, value: unknown, limit: number, path: string[], problems: Problems, fileText = false): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return checkValue(nullable.ofType, value, limit, path, problems, fileText);
    value.forEach((item, index) => checkValue(nullable.ofType, item, limit, [...path, String(index)], problems, fileText));
    return;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const field of Object.values(nullable.getFields())) {
      checkValue(field.type, record[field.name], maxLengthOf(field), [...path, field.name], problems, isFileText(field));
    }
    return;
  }
  if (!isScalarType(nullable) || typeof value !== 'string') return;
  if (nullable.name === 'ID') {
    if (!UUID.test(value)) problems.malformedId = true;
  } else if (nullable.name === 'String' && value.length > limit) {
    problems.tooLong[path.join('.')] = limit;
  } else if (nullable.name === 'String' && !fileText && value.includes('\u0000')) {
    problems.nulCharacter.push(path.join('.'));
  }
}

const frenchNumber = new Intl.NumberFormat('fr-FR');
const englishNumber = new Intl.NumberFormat('en-GB');

/** A field the operation selects with arguments, where the selection gives them (through fragments). */
interface FieldWithArguments {
  field: GraphQLField<unknown, unknown>;
  selection: FieldNode;
}

/**
 * The operation's fields that take arguments, found once per parsed operation: Apollo keeps one parsed
 * document per query text, so a list asked again walks nothing; only the values are checked on each request.
 */
const fieldsWithArguments = new WeakMap<OperationDefinitionNode, FieldWithArguments[]>();

function argumentedFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): FieldWithArguments[] {
  const known = fieldsWithArguments.get(operation);
  if (known) return known;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const found: FieldWithArguments[] = [];
  const seen = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined, parent: GraphQLNamedType | null | undefined): void => {
    if (!selectionSet || !parent) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
      } else if (isObjectType(parent) || isInterfaceType(parent)) {
        const field = parent.getFields()[selection.name.value];
        if (!field) continue; // __typename and introspection
        if (field.args.length > 0) found.push({ field, selection });
        walk(selection.selectionSet, getNamedType(field.type));
      }
    }
  };
  walk(operation.selectionSet, schema.getRootType(operation.operation));
  fieldsWithArguments.set(operation, found);
  return found;
}

/**
 * The operation's problems: every argument of every field it selects (through fragments), with the values
 * they will have once the variables are applied, exactly as execution will see them.
 */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
): AppError | null {
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  // Variables that do not fit their types are reported by execution, in GraphQL's own words.
  if (variables.errors) return null;
  const problems: Problems = { tooLong: {}, nulCharacter: [], malformedId: false };
  for (const { field, selection } of argumentedFields(schema, document, operation)) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field, selection, variables.coerced);
    } catch {
      continue; // reported by execution
    }
    for (const arg of field.args) checkValue(arg.type, values[arg.name], maxLengthOf(arg), [arg.name], problems, isFileText(arg));
  }

  // The `input` argument of a mutation is the form itself: its fields keep their own names.
  const fieldOf = (path: string) => (path.startsWith('input.') ? path.slice('input.'.length) : path);
  const tooLong = Object.entries(problems.tooLong);
  if (tooLong.length > 0 || problems.nulCharacter.length > 0) {
    return badInput(
      Object.fromEntries([
        ...tooLong.map(([path, limit]) => [
          fieldOf(path),
          say(
            `Ce texte est trop long : ${frenchNumber.format(limit)} caractères au plus.`,
            `This text is too long: ${englishNumber.format(limit)} characters at most.`,
          ),
        ]),
        ...problems.nulCharacter.map((path) => [
          fieldOf(path),
          say(
            'Ce texte contient un caractère invalide (le caractère nul) : retirez-le.',
            'This text contains an invalid character (the null character): remove it.',
          ),
        ]),
      ]),
    );
  }
  return problems.malformedId ? notFound() : null;
}

/**
 * The Apollo plugin that runs `checkOperation` once the operation is known and before it executes:
 * a refused operation costs no resolver, no SQL and no log line.
 */
export function inputLimits<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const problem = checkOperation(schema, document, operation, request.variables);
          // Status 200 like every other BAD_USER_INPUT or NOT_FOUND answer; formatError reads the AppError.
          if (problem)
            throw new GraphQLError(problem.message, { originalError: problem, extensions: { code: problem.code, http: { status: 200 } } });
        },
      };
    },
  };
}
