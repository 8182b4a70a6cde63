'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { Migration } = require('@mikro-orm/migrations');

/** Rows read and rewritten per statement: a large table is never read into memory at once. */
const BATCH = 1000;

/**
 * Every table but the directory's whose commune is now respelled when written, with the postcode its write
 * path gives communeSpelling() (an event's); the others give the commune alone.
 */
const TABLES = [
  { table: 'app_user', postcode: null },
  { table: 'question', postcode: null },
  { table: 'agenda_event', postcode: 'postal_code' },
  { table: 'project', postcode: null },
  { table: 'timebank_post', postcode: null },
];

/**
 * Member profiles, questions, events, projects and time-bank posts stored before a commune written in
 * capitals was respelled when written ("SAINT-NAZAIRE", "ST NAZAIRE") get the spelling a new edit gives them,
 * as Migration20261210100000_commune_spelling gave the directory's places theirs: the official list's
 * ("Saint-Nazaire"), else lower case with French capitals. The spelling is communeSpelling() itself, from the
 * compiled server (migrations run from it, and the tests after a build), not a copy: it needs the official list
 * of communes, which SQL does not have.
 * Each table is read by keyset pages of the rows whose commune has no lower-case letter a-z (the function
 * decides, and leaves a name already written in lower case as it is), each page rewritten by one statement,
 * only where the commune is still the one read; `updated_at` is left alone (a respelling is not news, and the
 * projects are ranked by it). Running it again changes nothing. Data only; going down keeps the spelling.
 */
class Migration20261211100000_commune_spelling_everywhere extends Migration {
  async up() {
    const { communeSpelling } = await import(pathToFileURL(path.join(__dirname, '../server/dist/shared/communes.js')).href);
    for (const { table, postcode } of TABLES) {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await this.execute(
          `select "id", "commune"${postcode ? `, "${postcode}" as "postcode"` : ''} from "${table}"
            where "id" > ? and "commune" !~ '[a-z]' order by "id" limit ${BATCH}`,
          [after],
        );
        if (rows.length === 0) break;
        after = rows[rows.length - 1].id;
        const respelled = rows
          .map((row) => ({
            id: row.id,
            commune: communeSpelling({ commune: row.commune, codePostal: row.postcode ?? null }),
            before: row.commune,
          }))
          .filter((row) => row.commune !== row.before);
        if (respelled.length === 0) continue;
        await this.execute(
          `update "${table}" t set "commune" = r."commune"
             from json_to_recordset(?::json) as r("id" uuid, "commune" text, "before" text)
            where t."id" = r."id" and t."commune" = r."before"`,
          [JSON.stringify(respelled)],
        );
      }
    }
  }

  async down() {}
}
exports.Migration20261211100000_commune_spelling_everywhere = Migration20261211100000_commune_spelling_everywhere;
