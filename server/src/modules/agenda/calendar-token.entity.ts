import { Entity, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';

/**
 * The secret of a person's "my agenda" feed URL. Only its hash is kept; renewing it or revoking it
 * makes every copy of the old URL stop working.
 */
@Entity({ tableName: 'calendar_token' })
export class CalendarToken extends BaseEntity {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  @Unique()
  user!: Rel<User>;

  @Property({ type: 'string', length: 64 })
  @Unique()
  tokenHash!: string;
}
