import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
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
export class Registration extends BaseEntity<'confirmedAt' | 'cancelledAt' | 'remindedDayBeforeAt' | 'remindedSoonAt'> {
  @ManyToOne({ entity: () => AgendaEvent, deleteRule: 'cascade' })
  event!: Rel<AgendaEvent>;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

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
