import { Check, Collection, Entity, Index, ManyToMany, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { AgendaEvent } from './event.entity.js';

@ObjectType({ description: 'A room of a barcamp grid.' })
@Entity({ tableName: 'barcamp_room' })
@Check({ name: 'barcamp_room_capacity_positive', expression: 'capacity > 0' })
export class BarcampRoom extends BaseEntity {
  @ManyToOne({ entity: () => AgendaEvent, deleteRule: 'cascade' })
  @Index()
  event!: Rel<AgendaEvent>;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  @Field(() => Int, { description: 'Seats in the room: the most-wanted sessions go to the largest rooms.' })
  @Property({ type: 'integer' })
  capacity!: number;
}

@ObjectType({ description: 'A time slot of a barcamp grid.' })
@Entity({ tableName: 'barcamp_slot' })
@Check({ name: 'barcamp_slot_ends_after_start', expression: 'ends_at > starts_at' })
export class BarcampSlot extends BaseEntity {
  @ManyToOne({ entity: () => AgendaEvent, deleteRule: 'cascade' })
  @Index()
  event!: Rel<AgendaEvent>;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  endsAt!: Date;
}

/** A session proposed by participants of a barcamp; placed by the organizers in a room and a slot. */
@Entity({ tableName: 'barcamp_session' })
@Unique({ properties: ['room', 'slot'] })
export class SessionProposal extends BaseEntity<'notes' | 'hiddenAt' | 'hiddenReason'> {
  @ManyToOne({ entity: () => AgendaEvent, deleteRule: 'cascade' })
  @Index()
  event!: Rel<AgendaEvent>;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text', default: '' })
  pitch: string = '';

  @Property({ type: 'string', length: 120, nullable: true })
  theme?: string | null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  proposer?: Rel<User> | null;

  @ManyToMany({ entity: () => User, pivotTable: 'barcamp_session_speaker', joinColumn: 'session_id', inverseJoinColumn: 'user_id' })
  speakers = new Collection<User>(this);

  @ManyToOne({ entity: () => BarcampRoom, nullable: true, deleteRule: 'set null' })
  room?: Rel<BarcampRoom> | null;

  @ManyToOne({ entity: () => BarcampSlot, nullable: true, deleteRule: 'set null' })
  slot?: Rel<BarcampSlot> | null;

  /** The restitution: what was said, written by the speakers after the session (Markdown). */
  @Property({ type: 'text', default: '' })
  notes: string = '';

  @Property({ type: 'datetime', nullable: true })
  notesUpdatedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null;
}

@Entity({ tableName: 'barcamp_interest' })
@Unique({ properties: ['session', 'user'] })
export class SessionInterest extends BaseEntity {
  @ManyToOne({ entity: () => SessionProposal, deleteRule: 'cascade' })
  session!: Rel<SessionProposal>;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;
}
