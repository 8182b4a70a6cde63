import { Entity, Index, OneToOne, Property, type Rel } from '@mikro-orm/core';
import { Organization } from './organization.entity.js';

/**
 * When a place is open, compiled from its `horaires` by the `opening_hours` library over a window of
 * days (reseau/place-openings.ts), so that "open now" is a filter of the directory's SQL statement:
 * `open_at @> now` on a GiST index. A trigger of migration `place_opening` marks the row to compile
 * again (an empty window) whenever the hours or the place's territory change, whoever writes them.
 */
@Entity({ tableName: 'place_opening' })
@Index({
  name: 'place_opening_open_at_index',
  expression: 'create index "place_opening_open_at_index" on "place_opening" using gist ("open_at")',
})
@Index({
  name: 'place_opening_position_index',
  expression:
    'create index "place_opening_position_index" on "place_opening" using gist ("position") include ("open_at", "organization_id") where "position" is not null',
})
export class PlaceOpening {
  @OneToOne({ entity: () => Organization, primary: true, owner: true, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  /** The open instants within [validFrom, validUntil), in the place's own time zone's hours. */
  @Property({ type: 'string', columnType: 'tstzmultirange', default: '{}' })
  openAt: string = '{}';

  /** The window compiled; `infinity` / `-infinity` while waiting to be compiled. */
  @Index()
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: `'infinity'` })
  validFrom!: Date;

  @Index()
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: `'-infinity'` })
  validUntil!: Date;

  /**
   * The place's position (`maillage_earth_point`), copied by the trigger: "open now" near a point walks
   * this column's GiST index, which also holds `open_at` and the place's id (migration 20261207100000).
   */
  // An `earth` (a domain over `cube`), which MikroORM reads as its base type.
  @Property({ type: 'string', columnType: 'cube', nullable: true })
  position?: string | null;
}
