import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { TimebankPost } from './post.entity.js';

/** proposed → accepted → done → confirmed (posts the transfer); cancelled before confirmation. */
export enum ExchangeStatus {
  PROPOSED = 'proposed',
  ACCEPTED = 'accepted',
  DONE = 'done',
  CONFIRMED = 'confirmed',
  CANCELLED = 'cancelled',
}
registerEnumType(ExchangeStatus, { name: 'ExchangeStatus' });

/** One service given by a provider to a beneficiary, paid in time when the beneficiary confirms it. */
@Entity({ tableName: 'timebank_exchange' })
export class TimebankExchange extends BaseEntity<
  | 'status'
  | 'spentMinutes'
  | 'message'
  | 'acceptedAt'
  | 'doneAt'
  | 'confirmedAt'
  | 'cancelledAt'
  | 'cancelledBy'
  | 'disputedAt'
  | 'disputedBy'
  | 'disputeReason'
> {
  @Index()
  @ManyToOne({ entity: () => TimebankPost, deleteRule: 'cascade' })
  post!: Rel<TimebankPost>;

  /** Gives the service and earns the time. */
  @Index()
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  provider!: Rel<User>;

  /** Receives the service and pays the time. */
  @Index()
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  beneficiary!: Rel<User>;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  proposedBy!: Rel<User>;

  @Enum({ items: () => ExchangeStatus, nativeEnumName: 'timebank_exchange_status', default: ExchangeStatus.PROPOSED })
  status: ExchangeStatus = ExchangeStatus.PROPOSED;

  /** The time foreseen when proposing. */
  @Property({ type: 'integer' })
  minutes!: number;

  /** The time actually spent, given when the exchange is done; this is what the beneficiary pays. */
  @Property({ type: 'integer', nullable: true })
  spentMinutes?: number | null;

  @Property({ type: 'text', nullable: true })
  message?: string | null;

  @Property({ type: 'datetime', nullable: true })
  acceptedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  doneAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  confirmedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  cancelledBy?: Rel<User> | null;

  /** A party disagrees (on the time spent, on what happened): moderators are told. */
  @Property({ type: 'datetime', nullable: true })
  disputedAt?: Date | null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  disputedBy?: Rel<User> | null;

  @Property({ type: 'text', nullable: true })
  disputeReason?: string | null;
}
