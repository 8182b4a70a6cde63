'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { Migration } = require('@mikro-orm/migrations');

/** Places read and rewritten per statement: a large directory is never read into memory at once. */
const BATCH = 1000;

/**
 * Places stored before a commune written in capitals was respelled on import and on the form
 * ("DIGNE-LES-BAINS", "ST NAZAIRE") get the spelling a new import or edit gives them: the official
 * list's ("Digne-les-Bains", "Saint-Nazaire"), else lower case with French capitals. The spelling is
 * communeSpelling() itself, from the compiled server (migrations run from it, and the tests after a
 * build), not a copy: it needs the official list of communes, which SQL does not have.
 * Read by keyset pages of the places whose commune has no lower-case letter a-z (the function decides,
 * and leaves a name already written in lower case as it is), each page rewritten by one statement;
 * running it again changes nothing. Data only; going down keeps the spelling.
 */
class Migration20261210100000_commune_spelling extends Migration {
  async up() {
    const { communeSpelling } = await import(pathToFileURL(path.join(__dirname, '../server/dist/shared/communes.js')).href);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const places = await this.execute(
        `select "id", "commune", "code_insee", "code_postal" from "organization"
          where "id" > ? and "commune" !~ '[a-z]' order by "id" limit ${BATCH}`,
        [after],
      );
      if (places.length === 0) break;
      after = places[places.length - 1].id;
      const respelled = places
        .map((place) => ({
          id: place.id,
          commune: communeSpelling({ commune: place.commune, codeInsee: place.code_insee, codePostal: place.code_postal }),
          before: place.commune,
        }))
        .filter((place) => place.commune !== place.before)
        .map(({ id, commune }) => ({ id, commune }));
      if (respelled.length === 0) continue;
      await this.execute(
        `update "organization" o set "commune" = r."commune"
           from json_to_recordset(?::json) as r("id" uuid, "commune" text) where o."id" = r."id"`,
        [JSON.stringify(respelled)],
      );
    }
  }

  async down() {}
}
exports.Migration20261210100000_commune_spelling = Migration20261210100000_commune_spelling;
