import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { AgendaEvent } from './event.entity.js';

/**
 * A message from an event's organizers to the people registered (a room change, what to bring…):
 * sent through the notifications, kept on the event's page for them. For a whole cycle, it is kept
 * on the session it was written from and shown on every session of the cycle.
 */
@Entity({ tableName: 'event_message' })
@Index({ properties: ['event', 'createdAt'] })
export class EventMessage extends BaseEntity<'includesWaitlisted' | 'wholeCycle'> {
  @ManyToOne({ entity: () => AgendaEvent, deleteRule: 'cascade' })
  event!: Rel<AgendaEvent>;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null', index: true })
  author?: Rel<User> | null;

  @Property({ type: 'text' })
  body!: string;

  /** Also sent to the people on the waitlist. */
  @Property({ type: 'boolean', default: false })
  includesWaitlisted: boolean = false;

  /** Sent to the people of every session to come of the cycle. */
  @Property({ type: 'boolean', default: false })
  wholeCycle: boolean = false;

  @Property({ type: 'integer' })
  recipientCount!: number;
}
