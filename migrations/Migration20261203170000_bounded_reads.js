'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * No read whose cost grows with the table (docs/read-models.md, "Bounded work").
 *
 * 1. Indexes for the orders lists walk: the directory by name, the newest places and members
 *    (home), the open time-bank posts, and the projects' candidate sets (latest, latest at a
 *    stage, sharing a tag).
 * 2. Tallies: the home figures and the tags' uses, counted as rows are written rather than per
 *    view. Each tally belongs to the section that owns the counted table; a statement-level
 *    trigger (with its transition tables, so an import of 10,000 rows adds once) keeps it exact
 *    in the writer's own transaction. The tally rows are locked until that transaction ends, and
 *    the keys are added in order, so concurrent writers wait for each other rather than deadlock.
 */
const TALLIES = [
  // réseau: places and local networks (home figures "lieux", "réseaux locaux").
  { table: 'organization', tally: 'organization_tally', key: 'kind::text', value: '1' },
  // comptes: accounts by status (home figure "membres").
  { table: 'app_user', tally: 'app_user_tally', key: 'status::text', value: '1' },
  // entraide: solved questions (home figure "questions résolues").
  {
    table: 'question',
    tally: 'question_tally',
    key: `case when accepted_answer_id is not null and hidden_at is null then 'resolved' end`,
    value: '1',
  },
  // banque-de-temps: minutes transferred by kind (home figure "heures échangées").
  { table: 'timebank_transfer', tally: 'timebank_transfer_tally', key: 'kind::text', value: 'minutes' },
];

/**
 * The function and the three triggers that add what a statement changed to a tally: the keys of the
 * new rows minus those of the old ones, so an update that moves no key (a vote) writes nothing.
 */
function tallyTriggers(table, tally, rowsOf) {
  const add = (changes) => `
    insert into ${tally} (key, value)
    select key, sum(value) from (${changes}) changed where key is not null group by key having sum(value) <> 0 order by key
    on conflict (key) do update set value = ${tally}.value + excluded.value;`;
  const added = `select key, value from (${rowsOf('new_rows')}) added`;
  const removed = `select key, -value as value from (${rowsOf('old_rows')}) removed`;
  return [
    `create function ${tally}_add() returns trigger language plpgsql as $$
     begin
       if TG_OP = 'INSERT' then ${add(added)}
       elsif TG_OP = 'DELETE' then ${add(removed)}
       else ${add(`${added} union all ${removed}`)}
       end if;
       return null;
     end $$;`,
    `create trigger ${tally}_insert after insert on ${table} referencing new table as new_rows for each statement execute function ${tally}_add();`,
    `create trigger ${tally}_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function ${tally}_add();`,
    `create trigger ${tally}_delete after delete on ${table} referencing old table as old_rows for each statement execute function ${tally}_add();`,
  ];
}

class Migration20261203170000_bounded_reads extends Migration {
  async up() {
    this.addSql(`create index organization_name_id_index on organization (name, id);`);
    this.addSql(`create index organization_created_at_id_index on organization (created_at desc, id);`);
    this.addSql(`create index app_user_active_created_at_index on app_user (created_at desc, id) where status = 'active';`);
    this.addSql(`create index timebank_post_status_created_at_id_index on timebank_post (status, created_at desc, id desc);`);
    this.addSql(`create index project_visible_updated_at_index on project (updated_at desc) where hidden_at is null;`);
    this.addSql(`create index project_visible_stage_updated_at_index on project (stage, updated_at desc) where hidden_at is null;`);
    this.addSql(`create index project_tags_index on project using gin (tags);`);

    for (const { table, tally, key, value } of TALLIES) {
      this.addSql(`create table ${tally} (key text primary key, value bigint not null);`);
      this.addSql(`lock table ${table} in share row exclusive mode;`);
      this.addSql(`insert into ${tally} (key, value)
                   select key, sum(value) from (select ${key} as key, ${value} as value from ${table}) counted where key is not null group by key;`);
      for (const statement of tallyTriggers(table, tally, (alias) => `select ${key} as key, ${value} as value from ${alias}`)) {
        this.addSql(statement);
      }
    }

    // entraide: how many visible questions carry each tag (the tags' list, "mots-clés").
    this.addSql(`create table question_tag_use (key text primary key, value bigint not null);`);
    this.addSql(`lock table question in share row exclusive mode;`);
    const tagRows = (alias) => `select distinct_tag as key, 1 as value from ${alias} q, unnest(q.tags) distinct_tag where q.hidden_at is null`;
    this.addSql(`insert into question_tag_use (key, value) select key, sum(value) from (${tagRows('question')}) counted group by key;`);
    for (const statement of tallyTriggers('question', 'question_tag_use', tagRows)) this.addSql(statement);
  }

  async down() {
    for (const tally of ['question_tag_use', ...TALLIES.map(({ tally }) => tally)]) {
      this.addSql(`drop table ${tally} cascade;`);
      this.addSql(`drop function ${tally}_add() cascade;`);
    }
    for (const index of [
      'organization_name_id_index',
      'organization_created_at_id_index',
      'app_user_active_created_at_index',
      'timebank_post_status_created_at_id_index',
      'project_visible_updated_at_index',
      'project_visible_stage_updated_at_index',
      'project_tags_index',
    ]) {
      this.addSql(`drop index ${index};`);
    }
  }
}
exports.Migration20261203170000_bounded_reads = Migration20261203170000_bounded_reads;
// For later tallies (after the class: the migrator takes a file's first exported function as its migration).
exports.tallyTriggers = tallyTriggers;
