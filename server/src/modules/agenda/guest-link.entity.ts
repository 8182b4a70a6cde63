import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { AgendaEvent } from './event.entity.js';
import { Registration } from './registration.entity.js';

/**
 * A guest's private link (agenda/guest-registrations.ts). Only the token's digest is stored. Pending
 * while `registration` is null: it then holds the first name and address given, and expires after
 * 48 hours; opening it confirms, and it becomes the link of the guest's page for good (several links
 * may lead to the same registration: one per e-mail sent).
 */
@Entity({ tableName: 'event_guest_link' })
export class GuestLink extends BaseEntity<'registration' | 'firstName' | 'email' | 'expiresAt'> {
  @Unique()
  @Property({ type: 'string', length: 64 })
  tokenHash!: string;

  @Index()
  @ManyToOne({ entity: () => AgendaEvent, deleteRule: 'cascade' })
  event!: Rel<AgendaEvent>;

  @Index()
  @ManyToOne({ entity: () => Registration, deleteRule: 'cascade', nullable: true })
  registration?: Rel<Registration> | null;

  @Property({ type: 'string', length: 80, nullable: true })
  firstName?: string | null;

  @Property({ type: 'string', length: 254, nullable: true })
  email?: string | null;

  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;
}
