import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from '../reseau/organization.entity.js';

/** Where an orientation stands, as both sides read it: envoyée, acceptée, réponse, déclinée, close. */
export enum OrientationStatus {
  SENT = 'sent',
  ACCEPTED = 'accepted',
  ANSWERED = 'answered',
  DECLINED = 'declined',
  CLOSED = 'closed',
}
registerEnumType(OrientationStatus, { name: 'OrientationStatus', description: 'Envoyée, acceptée, réponse, déclinée, close.' });

/**
 * A helper sends a person to a place that has a team in Maillage ("je vous oriente Mme X pour …"),
 * with the person's consent. Only what is needed about the person; those fields (and the answer,
 * which may quote them) are erased 3 months after the orientation closes (`erasedAt`), and the row
 * stays, without personal data, for the place's and the network's figures (docs/orienter.md).
 */
@Entity({ tableName: 'orientation' })
@Index({ properties: ['sender', 'createdAt'] })
@Index({ properties: ['organization', 'createdAt'] })
export class Orientation extends BaseEntity<'status'> {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  sender!: Rel<User>;

  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  /** First name or initials, as the person agreed. */
  @Property({ type: 'string', length: 60, nullable: true })
  personName?: string | null;

  /** A way to reach them that the person chose (phone or e-mail), or none. */
  @Property({ type: 'string', length: 120, nullable: true })
  personContact?: string | null;

  @Property({ type: 'string', length: 300, nullable: true })
  need?: string | null;

  @Property({ type: 'string', length: 1000, nullable: true })
  note?: string | null;

  /** When the sender recorded that the person agreed (mode accompagnant); the sender is who recorded it. */
  @Property({ type: 'datetime' })
  consentAt!: Date;

  @Enum({ items: () => OrientationStatus, nativeEnumName: 'orientation_status', default: OrientationStatus.SENT })
  status: OrientationStatus = OrientationStatus.SENT;

  /** The team's latest message to the sender. */
  @Property({ type: 'string', length: 1000, nullable: true })
  answer?: string | null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  answeredBy?: Rel<User> | null;

  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;

  /** Declined or closed: the 3 months before erasure start here. */
  @Index()
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  erasedAt?: Date | null;
}
