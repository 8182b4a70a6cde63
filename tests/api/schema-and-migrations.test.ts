import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printCurrentSchema, schemaFile } from '../../server/src/scripts/emit-schema.js';
import { createTestDatabase } from '../helpers/database.js';

describe('committed artefacts', () => {
  it('schema.graphql is what the resolvers define (run `npm run schema:emit` after changing them)', async () => {
    const committed = await fs.readFile(schemaFile, 'utf8');
    expect(committed).toBe(await printCurrentSchema());
  });

  describe('migrations', () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('agree with the entities (run `npm run migration:create` after changing them)', async () => {
      const diff = await database.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(diff.trim()).toBe('');
    });
  });
});
