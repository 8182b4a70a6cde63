import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';

/**
 * A self-check result the person chose to keep ("Garder mon résultat"): only the level found in each
 * domain, never the answers. Nothing is stored for a visitor or a member who does not ask.
 */
@Entity({ tableName: 'self_check_result' })
export class SelfCheckResult extends BaseEntity {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  /** Domain key → level key, e.g. { "equipement": "intermediaire", … } (autodiagnostic.data.ts). */
  @Property({ type: 'json' })
  levels!: Record<string, string>;
}
