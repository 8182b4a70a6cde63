import fs from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import { projectRoot } from '../../server/src/config.js';

/**
 * Checking the pages' schema.org JSON-LD without the network: the schema.org context is read from a
 * committed copy (tests/fixtures/schema-org, see its README for source and licence), served to the
 * `jsonld` processor by a document loader that never fetches anything.
 */
const CONTEXT_FILE = path.join(projectRoot, 'tests/fixtures/schema-org/jsonldcontext.jsonld');
const schemaOrgContext = JSON.parse(fs.readFileSync(CONTEXT_FILE, 'utf8')) as { '@context': Record<string, unknown> };

/**
 * The same context without its `@vocab`: then a property schema.org does not define (a typo like
 * `startdate`) is dropped by expansion instead of becoming "http://schema.org/startdate" — which is
 * what lets these checks fail.
 */
const strictContext = { '@context': { ...schemaOrgContext['@context'] } };
delete strictContext['@context']['@vocab'];

const SCHEMA_ORG_URLS = new Set(['https://schema.org', 'https://schema.org/', 'http://schema.org', 'http://schema.org/']);

const documentLoader = async (url: string) => {
  if (!SCHEMA_ORG_URLS.has(url)) throw new Error(`no network in these tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: strictContext };
};

export const SCHEMA = 'http://schema.org/';

/** The `<script type="application/ld+json">` blocks of an HTML page, parsed. */
export function jsonLdBlocks(html: string): Array<Record<string, unknown>> {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (match) => JSON.parse(match[1]) as Record<string, unknown>,
  );
}

/** How many properties (not keywords) a JSON-LD tree holds, each key counted once wherever it appears. */
function propertyCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + propertyCount(item), 0);
  if (!value || typeof value !== 'object') return 0;
  return Object.entries(value).reduce(
    (sum, [key, inner]) => sum + (key.startsWith('@') ? 0 : 1) + (key === '@value' ? 0 : propertyCount(inner)),
    0,
  );
}

/** Every `@type` in an expanded tree. */
function types(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(types);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === '@type' ? (inner as string[]) : key === '@value' ? [] : types(inner)));
}

export type ExpandedNode = Record<string, Array<Record<string, unknown>>> & { '@type'?: string[]; '@id'?: string };

/**
 * The document expanded against schema.org's context, and what expansion lost: the properties and
 * types schema.org does not define (an empty list when the document is right).
 */
export async function expandSchemaOrg(document: Record<string, unknown>): Promise<{ nodes: ExpandedNode[]; lost: string[] }> {
  const expanded = (await jsonld.expand(document as never, { documentLoader: documentLoader as never })) as unknown as ExpandedNode[];
  const lost: string[] = [];
  const before = propertyCount(document);
  const after = propertyCount(expanded);
  if (after !== before) lost.push(`${before - after} of ${before} properties`);
  for (const type of types(expanded)) if (!type.startsWith(SCHEMA)) lost.push(`type ${type}`);
  // Nodes of a @graph come out side by side; nested ones stay inside their parent.
  return { nodes: expanded, lost };
}

/** The expanded nodes of a type ("Event", "QAPage"…), at the top of the document. */
export function nodesOfType(nodes: ExpandedNode[], type: string): ExpandedNode[] {
  return nodes.filter((node) => node['@type']?.includes(SCHEMA + type));
}

/** The values of a property of an expanded node: literals as their value, nodes as themselves. */
export function values(node: ExpandedNode, property: string): unknown[] {
  return (node[SCHEMA + property] ?? []).map((item) =>
    '@value' in item ? item['@value'] : '@id' in item && Object.keys(item).length === 1 ? item['@id'] : item,
  );
}

/** The one value of a property (undefined when absent). */
export function value(node: ExpandedNode, property: string): unknown {
  return values(node, property)[0];
}

/** The properties among `properties` the node lacks. */
export function missing(node: ExpandedNode, properties: string[]): string[] {
  return properties.filter((property) => !node[SCHEMA + property]?.length);
}
