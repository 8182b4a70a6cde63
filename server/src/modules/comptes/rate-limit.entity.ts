import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Fixed-window counters kept in PostgreSQL, so every app process shares them. */
@Entity({ tableName: 'rate_limit' })
export class RateLimitCounter {
  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  @PrimaryKey({ type: 'datetime' })
  windowStart!: Date;

  @Property({ type: 'integer', default: 0 })
  hits: number = 0;
}
