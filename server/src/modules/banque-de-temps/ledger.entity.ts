import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { User } from '../comptes/user.entity.js';
import { TimebankExchange } from './exchange.entity.js';

/**
 * The ledger of the time bank. PostgreSQL itself keeps it honest (see the migration `timebank`):
 * entries and transfers are append-only, a balance only moves through an entry, no debit may take
 * a balance below the floor, and each transfer is exactly two entries summing to zero.
 * Writes go through the SQL function `timebank_post_transfer()`, never through these entities.
 */

/** The network's solidarity pool (fonds commun): the one account that belongs to nobody. */
export const POOL_ACCOUNT_ID = '00000000-0000-4000-8000-000000000001';

export enum AccountKind {
  MEMBER = 'member',
  POOL = 'pool',
}

export enum TransferKind {
  /** A member gives time to another, with a memo. */
  DIRECT = 'direct',
  /** Posted when the beneficiary confirms an exchange. */
  EXCHANGE = 'exchange',
  /** A coordinator grants hours from the pool, usually to a newcomer. */
  GRANT = 'grant',
  /** The part of a credit that would lift a balance above the ceiling, moved on to the pool. */
  OVERFLOW = 'overflow',
  /** A member gives time to the pool. */
  DONATION = 'donation',
}
registerEnumType(TransferKind, { name: 'TransferKind', description: 'Why time moved.' });

@Entity({ tableName: 'timebank_account' })
@Check({
  name: 'timebank_account_owner_check',
  expression: `(kind = 'pool' and user_id is null and id = '${POOL_ACCOUNT_ID}') or (kind = 'member' and id <> '${POOL_ACCOUNT_ID}')`,
})
export class TimebankAccount {
  [OptionalProps]?: 'balance' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => AccountKind, nativeEnumName: 'timebank_account_kind' })
  kind!: AccountKind;

  /** Null for the pool, and for a member who deleted their account (the balance stays in the ledger). */
  @OneToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  user?: Rel<User> | null;

  /** Minutes; maintained by the database from the entries, never written directly. */
  @Property({ type: 'integer', default: 0 })
  balance: number = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

@Entity({ tableName: 'timebank_transfer' })
@Unique({ name: 'timebank_transfer_idempotency_unique', properties: ['fromAccount', 'idempotencyKey'] })
@Check({ name: 'timebank_transfer_minutes_check', expression: 'minutes > 0' })
@Check({ name: 'timebank_transfer_accounts_check', expression: 'from_account_id <> to_account_id' })
export class TimebankTransfer {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => TransferKind, nativeEnumName: 'timebank_transfer_kind' })
  kind!: TransferKind;

  @Index()
  @ManyToOne({ entity: () => TimebankAccount, deleteRule: 'no action' })
  fromAccount!: Rel<TimebankAccount>;

  @Index()
  @ManyToOne({ entity: () => TimebankAccount, deleteRule: 'no action' })
  toAccount!: Rel<TimebankAccount>;

  @Property({ type: 'integer' })
  minutes!: number;

  @Property({ type: 'string', length: 300, nullable: true })
  memo?: string | null;

  /** Chosen by the client; the same key from the same payer never posts twice. */
  @Property({ type: 'string', length: 100, nullable: true })
  idempotencyKey?: string | null;

  /** Who asked for it (the payer, the beneficiary of an exchange, or a coordinator for a grant). */
  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null;

  /** For an exchange: the exchange it settles (at most one transfer each). */
  @OneToOne({ entity: () => TimebankExchange, nullable: true, deleteRule: 'no action' })
  exchange?: Rel<TimebankExchange> | null;

  /** For an overflow: the transfer whose credit went over the ceiling. */
  @OneToOne({ entity: () => TimebankTransfer, nullable: true, deleteRule: 'no action' })
  causedBy?: Rel<TimebankTransfer> | null;

  @Index()
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

@Entity({ tableName: 'timebank_entry' })
@Index({ properties: ['account', 'id'] })
export class TimebankEntry {
  [OptionalProps]?: 'createdAt' | 'balanceAfter';

  /** A sequence: per account, entries are posted under a row lock, so this order is the balance's order. */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Index()
  @ManyToOne({ entity: () => TimebankTransfer, deleteRule: 'no action' })
  transfer!: Rel<TimebankTransfer>;

  @ManyToOne({ entity: () => TimebankAccount, deleteRule: 'no action' })
  account!: Rel<TimebankAccount>;

  /** Signed minutes: negative for the payer, positive for the receiver. */
  @Property({ type: 'integer' })
  amount!: number;

  /** The account's balance right after this entry (set by the database). */
  @Property({ type: 'integer', default: 0 })
  balanceAfter: number = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** The one row of settings, changed by the platform admin. */
@Entity({ tableName: 'timebank_settings' })
@Check({ name: 'timebank_settings_single_row', expression: 'id = 1' })
@Check({ name: 'timebank_settings_limits_check', expression: 'floor_minutes <= 0 and ceiling_minutes > 0' })
export class TimebankSettings {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id: number = 1;

  @Property({ type: 'integer' })
  floorMinutes!: number;

  @Property({ type: 'integer' })
  ceilingMinutes!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  updatedBy?: Rel<User> | null;
}

export const DEFAULT_FLOOR_MINUTES = -600;
export const DEFAULT_CEILING_MINUTES = 2400;
