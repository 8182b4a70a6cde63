import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { Organization } from './organization.entity.js';

/**
 * One source's record of a place: the standard's identity of a place is its `id` within its `source`
 * (two sources both number their rows "1", "2"…), and one place of Maillage may be known to several
 * sources (linked by the import: reseau/import.service.ts). `fields` names the properties this source
 * gave at its last import, so the newest `date_maj` wins field by field.
 */
@Entity({ tableName: 'place_source' })
@Unique({ properties: ['source', 'sourceId'] })
export class PlaceSource extends BaseEntity<'dateMaj' | 'fields' | 'importedAt'> {
  @Index()
  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  /** The standard's `source` column (who collected the data), or what the importer named. */
  @Property({ type: 'string', length: 200 })
  source!: string;

  /** The standard's `id` column in that source. */
  @Property({ type: 'string', length: 200 })
  sourceId!: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  dateMaj?: string | null;

  @Property({ type: 'text[]', default: '{}' })
  fields: string[] = [];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  importedAt: Date = new Date();
}
