import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { projectRoot } from '../config.js';
import { getSchema } from '../graphql/schema.js';

/** The committed `schema.graphql`, as the resolvers define it, sorted so the order of sections does not matter. */
export async function printCurrentSchema(): Promise<string> {
  return `# Generated from the type-graphql resolvers by \`npm run schema:emit\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}

export const schemaFile = path.join(projectRoot, 'schema.graphql');

if (import.meta.url === `file://${process.argv[1]}`) {
  await fs.writeFile(schemaFile, await printCurrentSchema());
  console.log(`schema written to ${schemaFile}`);
}
