import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Failed sign-ins in a row, per key: an (account, address) pair, an address, or an account
 * (sign-in-throttle.ts). Shared by every app process; forgotten a day after the last attempt.
 */
@Entity({ tableName: 'sign_in_throttle' })
export class SignInThrottle {
  /** `pair:<e-mail> <address>`, `address:<address>` or `account:<e-mail>`. */
  @PrimaryKey({ type: 'string', length: 400 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  failures: number = 0;

  @Property({ type: 'datetime' })
  lastAttemptAt!: Date;
}
