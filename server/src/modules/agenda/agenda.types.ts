import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { HAS_PROFILE_DESCRIPTION } from '../comptes/comptes.read.js';
import { User } from '../comptes/user.entity.js';
import { DigitalLevel, EventKind } from './event.entity.js';
import { RegistrationStatus } from './registration.entity.js';

/** The seats change with every registration: a public read showing them is kept 10 s, not a minute (graphql/cache-hints.ts). */
export const SEATS_CACHE_HINT = '@cacheControl(maxAge: 10)';

export enum RegistrationStateValue {
  OPEN = 'open',
  NOT_YET_OPEN = 'not_yet_open',
  CLOSED = 'closed',
  STARTED = 'started',
}
registerEnumType(RegistrationStateValue, { name: 'RegistrationState', description: 'Whether people may register now, and if not, why.' });

/** An event as lists show it: one SQL row, no per-item query. */
@ObjectType({ description: 'An event in a list (agenda, my registrations, feeds).' })
export class EventCard {
  @Field(() => ID) id!: string;
  @Field(() => EventKind) kind!: EventKind;
  @Field(() => String) title!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => DigitalLevel, { nullable: true }) level!: DigitalLevel | null;
  @Field(() => Int, { nullable: true }) capacity!: number | null;
  @Field(() => String, { nullable: true }) departement!: string | null;
  @Field(() => String, { nullable: true }) commune!: string | null;
  @Field(() => Boolean, { description: 'Can be followed online.' }) online!: boolean;
  @Field(() => Boolean, { description: 'Cancelled by its organizers (it stays listed, marked so).' }) cancelled!: boolean;
  @Field(() => ID) organizerId!: string;
  @Field(() => String) organizerName!: string;
  @Field(() => String) organizerSlug!: string;
  @Field(() => String, { nullable: true }) placeName!: string | null;
  @Field(() => ID, { nullable: true }) seriesId!: string | null;
  @Field(() => Int, { nullable: true }) seriesPosition!: number | null;
  @Field(() => Int, { nullable: true, description: 'Sessions in its cycle.' }) seriesSize!: number | null;
  @Directive(SEATS_CACHE_HINT) @Field(() => Int) confirmedCount!: number;
  @Directive(SEATS_CACHE_HINT) @Field(() => Int) waitlistCount!: number;
  @Directive(SEATS_CACHE_HINT)
  @Field(() => Int, { nullable: true, description: 'Seats left; null when unlimited.' })
  remainingSeats!: number | null;
  @Field(() => RegistrationStatus, { nullable: true, description: "The signed-in person's registration, if any." })
  myStatus!: RegistrationStatus | null;
  @Field(() => Int, { nullable: true }) myWaitlistPosition!: number | null;
}

@ObjectType()
export class EventCardConnection extends connectionOf(EventCard) {}

/** A registration as the organizers see it. */
@ObjectType({ description: 'Someone registered to an event (organizers only).' })
export class Attendee {
  @Field(() => ID) registrationId!: string;
  @Field(() => ID, { nullable: true, description: 'Null for a guest, registered without an account.' }) userId!: string | null;
  @Field(() => String) displayName!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) commune!: string | null;
  @Field(() => String, { nullable: true, description: 'A guest registered at the desk: their phone.' }) phone!: string | null;
  @Field(() => Boolean, { description: 'Registered without an account.' }) guest!: boolean;
  @Field(() => RegistrationStatus) status!: RegistrationStatus;
  @Field(() => Int, { nullable: true }) waitlistPosition!: number | null;
  @Field(() => Date) registeredAt!: Date;
}

@ObjectType()
export class AttendeeConnection extends connectionOf(Attendee) {}

@ObjectType({ description: 'A person speaking in a barcamp session.' })
export class Speaker {
  @Field(() => ID) id!: string;
  @Field(() => String) displayName!: string;
  @Field(() => Boolean, { description: HAS_PROFILE_DESCRIPTION }) hasProfile!: boolean;
}

@ObjectType({ description: "A message from an event's organizers to the people registered." })
export class EventMessage {
  @Field(() => ID) id!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { description: 'Who wrote it ("Compte supprimé" once their account is deleted).' }) authorName!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Boolean, { description: 'Also sent to the waitlist.' }) includesWaitlisted!: boolean;
  @Field(() => Boolean, { description: 'Sent to every session to come of the cycle.' }) wholeCycle!: boolean;
  @Field(() => Int, { description: 'How many people it was sent to.' }) recipientCount!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      'In the answer to messageRegistrants only: the people registered at the desk with a phone only, whom it could not reach (null on listed messages).',
  })
  unreachableCount?: number | null;
}

@ObjectType({
  description:
    'Whom a message to the registered people reaches: members and guests with an address; not the desk registrations with a phone only.',
})
export class MessageReach {
  @Field(() => Int, { description: 'Confirmed people it reaches (a notification, or an e-mail to a guest).' }) confirmedReachable!: number;
  @Field(() => Int, { description: 'Confirmed people registered at the desk with a phone only.' }) confirmedUnreachable!: number;
  @Field(() => Int, { description: 'Waiting people it reaches when the waitlist is included.' }) waitlistedReachable!: number;
  @Field(() => Int, { description: 'Waiting people registered at the desk with a phone only.' }) waitlistedUnreachable!: number;
}

@ObjectType({ description: 'What the automatic barcamp grid achieved.' })
export class BarcampGridProposal {
  @Field(() => Int, { description: 'Sessions placed in a room and a slot.' }) placed!: number;
  @Field(() => Int, { description: 'Sessions left off the grid (not enough cells, or a speaker with more sessions than slots).' })
  unplaced!: number;
  @Field(() => Int, { description: 'Times a person finds two sessions they marked at the same time.' }) clashes!: number;
  @Field(() => Int, { description: "People interested in a session beyond its room's capacity, summed." }) overCapacity!: number;
}

/** A barcamp session with its interest count and its place in the grid, read in one statement. */
@ObjectType({ description: 'A session proposed at a barcamp.' })
export class BarcampSession {
  @Field(() => ID) id!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => String) title!: string;
  @Field(() => String) pitch!: string;
  @Field(() => String, { nullable: true }) theme!: string | null;
  @Field(() => [Speaker]) speakers!: Speaker[];
  @Field(() => Int) interestCount!: number;
  @Field(() => Boolean) interestedByMe!: boolean;
  @Field(() => ID, { nullable: true }) roomId!: string | null;
  @Field(() => String, { nullable: true }) roomName!: string | null;
  @Field(() => ID, { nullable: true }) slotId!: string | null;
  @Field(() => Date, { nullable: true }) startsAt!: Date | null;
  @Field(() => Date, { nullable: true }) endsAt!: Date | null;
  @Field(() => String, { description: 'Restitution (Markdown as written).' }) notes!: string;
  @Field(() => String) notesHtml!: string;
  @Field(() => Date, { nullable: true }) notesUpdatedAt!: Date | null;
  @Field(() => Boolean, { description: 'The signed-in person may edit its notes (a speaker, or an organizer).' }) canEditNotes!: boolean;
  @Field(() => Boolean, { description: 'Hidden by moderation: only its speakers and moderators still see it.' }) hidden!: boolean;
}

@ObjectType({ description: 'A registration and, when waiting, the place in line.' })
export class RegistrationResult {
  @Field(() => ID) eventId!: string;
  @Field(() => RegistrationStatus) status!: RegistrationStatus;
  @Field(() => Int, { nullable: true, description: '1 = next to get a seat.' }) waitlistPosition!: number | null;
  @Field(() => Date, { nullable: true }) confirmedAt!: Date | null;
}

@ObjectType({ description: 'The private address of "my agenda" in calendar apps.' })
export class CalendarLink {
  @Field(() => String, { description: 'Keep it private: anyone who has it sees your agenda. Renew it to cut old copies.' })
  url!: string;
}

export { User };
