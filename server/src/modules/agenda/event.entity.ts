import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from '../reseau/organization.entity.js';

export enum EventKind {
  ATELIER = 'atelier',
  BARCAMP = 'barcamp',
  CAFE_CITOYEN = 'cafe_citoyen',
  FORMATION = 'formation',
  WEBINAIRE = 'webinaire',
  PERMANENCE = 'permanence',
  REUNION_RESEAU = 'reunion_reseau',
}
/** Ateliers and cafés citoyens welcome people without an account unless their organizers say otherwise. */
export function guestsAllowedByDefault(kind: EventKind): boolean {
  return kind === EventKind.ATELIER || kind === EventKind.CAFE_CITOYEN;
}

registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'Atelier, barcamp, café citoyen, formation, webinaire, permanence, réunion de réseau.',
});

/** The five levels of digital autonomy an event may expect. */
export enum DigitalLevel {
  ELOIGNE = 'eloigne',
  DEBUTANT = 'debutant',
  INTERMEDIAIRE = 'intermediaire',
  AVANCE = 'avance',
  AUTONOME = 'autonome',
}
registerEnumType(DigitalLevel, { name: 'DigitalLevel', description: 'Éloigné, Débutant, Intermédiaire, Avancé, Autonome.' });

/** A weekly cycle ("cycle de 6 séances le lundi à 14 h 30"): created once, one event per session. */
@ObjectType('EventSeries', { description: 'A weekly cycle of sessions, each one an event of its own.' })
@Entity({ tableName: 'event_series' })
export class EventSeries extends BaseEntity {
  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => Int, { description: 'How many sessions the cycle has.' })
  @Property({ type: 'integer' })
  sessionCount!: number;

  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  organizer!: Rel<Organization>;
}

/** An event of the agenda. Called `AgendaEvent` in the code (DOM's `Event` is taken), `Event` in the API. */
@ObjectType('Event', { description: 'An atelier, barcamp, café citoyen… published by an organization.' })
@Entity({ tableName: 'agenda_event' })
@Index({ properties: ['startsAt'] })
@Check({ name: 'agenda_event_ends_after_start', expression: 'ends_at > starts_at' })
@Check({ name: 'agenda_event_capacity_positive', expression: 'capacity is null or capacity > 0' })
export class AgendaEvent extends BaseEntity<
  | 'guestsAllowed'
  | 'publics'
  | 'themes'
  | 'sequence'
  | 'hiddenAt'
  | 'hiddenReason'
  | 'cancelledAt'
  | 'cancellationReason'
  | 'publishedAt'
  | 'previousStartAt'
> {
  @Field(() => EventKind)
  @Enum({ items: () => EventKind, nativeEnumName: 'event_kind' })
  kind!: EventKind;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { description: 'Markdown as written (see `descriptionHtml`).' })
  @Property({ type: 'text', default: '' })
  description: string = '';

  @Field(() => Date)
  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  endsAt!: Date;

  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  @Index()
  organizer!: Rel<Organization>;

  /** A place of the directory where it happens. */
  @ManyToOne({ entity: () => Organization, nullable: true, deleteRule: 'set null' })
  place?: Rel<Organization> | null;

  @Field(() => String, { nullable: true, description: 'Street address when it is not (only) a place of the directory.' })
  @Property({ type: 'string', length: 300, nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 5, nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 120, nullable: true })
  commune?: string | null;

  @Field(() => String, { nullable: true, description: 'Département code, e.g. "44" (from the postcode, or given).' })
  @Index()
  @Property({ type: 'string', length: 3, nullable: true })
  departement?: string | null;

  @Field(() => Number, { nullable: true })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Field(() => Number, { nullable: true })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'Link to join online (webinaire, hybrid events).' })
  @Property({ type: 'string', length: 500, nullable: true })
  onlineUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Seats; null means no limit.' })
  @Property({ type: 'integer', nullable: true })
  capacity?: number | null;

  @Field(() => Boolean, {
    description:
      'People without an account may register (first name and e-mail, or at the desk): the organizers choose; on by default for ateliers and cafés citoyens.',
  })
  @Property({ type: 'boolean', default: false })
  guestsAllowed: boolean = false;

  /** The uploaded image (fichiers) and its alt text: GraphQL `image` (AgendaResolver). */
  @Property({ type: 'uuid', nullable: true })
  imageFileId?: string | null;

  @Property({ type: 'string', length: 250, nullable: true })
  imageAlt?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  registrationOpensAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Registrations close then; at the start of the event when unset.' })
  @Property({ type: 'datetime', nullable: true })
  registrationClosesAt?: Date | null;

  @Field(() => DigitalLevel, { nullable: true })
  @Enum({ items: () => DigitalLevel, nativeEnumName: 'digital_level', nullable: true })
  level?: DigitalLevel | null;

  @Field(() => [String], { description: 'Publics welcomed (e.g. "Seniors", "Personnes en insertion").' })
  @Property({ type: 'text[]', default: '{}' })
  publics: string[] = [];

  @Field(() => String, { nullable: true, description: 'Accessibility (step-free access, hearing loop…).' })
  @Property({ type: 'text', nullable: true })
  accessibility?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Fees as the organizer wrote them, e.g. "Gratuit", "5 € par séance"; null when the organizer did not say.',
  })
  @Property({ type: 'string', length: 200, nullable: true })
  fees?: string | null;

  @Field(() => [String], { description: 'Barcamp themes, e.g. "Former les médiateurs".' })
  @Property({ type: 'text[]', default: '{}' })
  themes: string[] = [];

  @ManyToOne({ entity: () => EventSeries, nullable: true, deleteRule: 'cascade' })
  series?: Rel<EventSeries> | null;

  @Field(() => Int, { nullable: true, description: 'Rank of this session in its series (1, 2, …).' })
  @Property({ type: 'integer', nullable: true })
  seriesPosition?: number | null;

  /** iCalendar SEQUENCE: raised at every change, so calendars replace their copy. */
  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  sequence: number = 0;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true, description: 'When the organizers cancelled it; it stays visible as cancelled.' })
  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled, as the organizers told the registered people.' })
  @Property({ type: 'string', length: 500, nullable: true })
  cancellationReason?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was published; null while it is a draft (only its organizers see it, and may delete it).',
  })
  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null = new Date();

  @Field(() => Date, {
    nullable: true,
    description: 'The first start announced, when a published event was moved to another date (schema.org EventRescheduled).',
  })
  @Property({ type: 'datetime', nullable: true })
  previousStartAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null;
}

export enum CoOrganizationStatus {
  PENDING = 'pending',
  ACCEPTED = 'accepted',
  DECLINED = 'declined',
}
registerEnumType(CoOrganizationStatus, {
  name: 'CoOrganizationStatus',
  description: 'An invitation to co-organize: waiting for an answer, accepted, or declined.',
});

/**
 * An organization invited to co-organize an event. It is named publicly, and its admins and editors
 * manage the event, only once one of its admins accepted.
 */
@Entity({ tableName: 'agenda_event_co_organizer' })
@Index({ properties: ['organization', 'status'] })
export class EventCoOrganizer {
  [PrimaryKeyProp]?: ['event', 'organization'];
  [OptionalProps]?: 'status' | 'invitedAt' | 'invitedBy' | 'respondedAt' | 'respondedBy';

  @ManyToOne({ entity: () => AgendaEvent, primary: true, deleteRule: 'cascade' })
  event!: Rel<AgendaEvent>;

  @ManyToOne({ entity: () => Organization, primary: true, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Enum({ items: () => CoOrganizationStatus, nativeEnumName: 'co_organization_status', default: CoOrganizationStatus.PENDING })
  status: CoOrganizationStatus = CoOrganizationStatus.PENDING;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  invitedAt: Date = new Date();

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  invitedBy?: Rel<User> | null;

  @Property({ type: 'datetime', nullable: true })
  respondedAt?: Date | null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  respondedBy?: Rel<User> | null;
}
