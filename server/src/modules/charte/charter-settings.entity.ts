import { Check, Entity, ManyToOne, PrimaryKey, Property, type Rel, OptionalProps } from '@mikro-orm/core';
import { User } from '../comptes/user.entity.js';

/** The platform's charter settings: one row (id 1), absent until an admin first changes them. */
@Entity({ tableName: 'charter_settings' })
@Check({ name: 'charter_settings_single_row', expression: 'id = 1' })
export class CharterSettings {
  [OptionalProps]?: 'signatureRequiredToPublish' | 'updatedAt' | 'updatedBy';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number = 1;

  /** When on, publishing events, time-bank posts and projects needs a signature of the current version. */
  @Property({ type: 'boolean', default: false })
  signatureRequiredToPublish: boolean = false;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  updatedBy?: Rel<User> | null;
}
