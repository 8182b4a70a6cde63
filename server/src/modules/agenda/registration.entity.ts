import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { AgendaEvent } from './event.entity.js';

export enum RegistrationStatus {
  CONFIRMED = 'confirmed',
  WAITLISTED = 'waitlisted',
  CANCELLED = 'cancelled',
}
registerEnumType(RegistrationStatus, { name: 'RegistrationStatus', description: 'Confirmed (a seat is kept), waitlisted, or cancelled.' });

/**
 * One person's registration to one event. Every change happens while the event row is locked
 * (see registrations.service.ts), so seats are never given twice.
 */
@Entity({ tableName: 'event_registration' })
@Unique({ properties: ['event', 'user'] })
@Index({ properties: ['event', 'status', 'queueNumber'] })
@Index({ properties: ['user', 'status'] })
@Check({ name: 'event_registration_person', expression: 'user_id is not null or guest_first_name is not null' })
export class Registration extends BaseEntity<
  | 'user'
  | 'confirmedAt'
  | 'cancelledAt'
  | 'remindedDayBeforeAt'
  | 'remindedSoonAt'
  | 'guestFirstName'
  | 'guestEmail'
  | 'guestPhone'
  | 'addedBy'
> {
  @ManyToOne({ entity: () => AgendaEvent, deleteRule: 'cascade' })
  event!: Rel<AgendaEvent>;

  /** The member registered; null for a guest (agenda/guest-registrations.ts). */
  @ManyToOne({ entity: () => User, deleteRule: 'cascade', nullable: true })
  user?: Rel<User> | null;

  /**
   * A guest's first name (or the name given at the desk); emptied with their address and phone three
   * months after the event, the row staying as an anonymous seat of its history.
   */
  @Property({ type: 'string', length: 80, nullable: true })
  guestFirstName?: string | null;

  /** A guest who registered online: their address, to send the link of their page. */
  @Property({ type: 'string', length: 254, nullable: true })
  guestEmail?: string | null;

  /** A guest registered at the desk by an organizer: a phone number instead of an address. */
  @Property({ type: 'string', length: 30, nullable: true })
  guestPhone?: string | null;

  /** The organizer who registered a guest at the desk. */
  @ManyToOne({ entity: () => User, deleteRule: 'set null', nullable: true, index: true })
  addedBy?: Rel<User> | null;

  @Enum({ items: () => RegistrationStatus, nativeEnumName: 'registration_status' })
  status!: RegistrationStatus;

  /** Order of arrival in this event (1, 2, …), given under the event's lock: the waitlist is first in, first out. */
  @Property({ type: 'integer' })
  queueNumber!: number;

  @Property({ type: 'datetime', nullable: true })
  confirmedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  /** When the day-before reminder was sent (agenda/reminders.ts). */
  @Property({ type: 'datetime', nullable: true })
  remindedDayBeforeAt?: Date | null;

  /** When the two-hours-before reminder was sent, to those who chose to receive it. */
  @Property({ type: 'datetime', nullable: true })
  remindedSoonAt?: Date | null;
}
