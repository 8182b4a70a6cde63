'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Places written before every territory was known (server/src/shared/territory.ts):
 * - the collectivités d'outre-mer had département "98" (New Caledonia, French Polynesia, Wallis
 *   and Futuna alike) and Saint-Barthélemy and Saint-Martin "971": each gets its own code
 *   (977, 978, 986, 987, 988), from the code INSEE when the place has one, else from the postcode;
 * - the typology code `Autre` was stored upper-cased, which the standard's readers reject.
 * Data only; going down keeps the corrected data (the old values were wrong).
 */
class Migration20261201143000_territories extends Migration {
  async up() {
    this.addSql(`update "organization" set "departement" = case
        when "code_insee" = '97123' or "code_insee" like '977%' or ("code_insee" is null and "code_postal" = '97133') then '977'
        when "code_insee" = '97127' or "code_insee" like '978%' or ("code_insee" is null and "code_postal" = '97150') then '978'
        when "code_insee" is not null then left("code_insee", 3)
        else left("code_postal", 3) end
      where coalesce("code_insee", "code_postal") ~ '^9[78][0-9]{3}$';`);
    this.addSql(`update "organization" set "typologie" = array_replace("typologie", 'AUTRE', 'Autre') where 'AUTRE' = any("typologie");`);
  }

  async down() {}
}
exports.Migration20261201143000_territories = Migration20261201143000_territories;
