import { NearInput } from '../../graphql/near.input.js';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { DigitalLevel, EventKind } from './event.entity.js';
import { RegistrationStatus } from './registration.entity.js';
import { MaxLength } from '../../graphql/input-limits.js';

/** What createEvent and updateEvent share. Times: either exact instants, or wall-clock texts of the place's zone. */
@InputType()
abstract class EventFieldsInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  @MaxLength(20000)
  description?: string | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Start on the clock of the place (its département\'s zone), "2026-03-02T14:30" (instead of startsAt).',
  })
  localStart?: string | null;

  @Field(() => String, { nullable: true, description: 'End on the clock of the place, "2026-03-02T16:00" (instead of endsAt).' })
  localEnd?: string | null;

  @Field(() => ID, { nullable: true, description: 'A place of the directory.' })
  placeId?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(250)
  address?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  commune?: string | null;

  @Field(() => String, { nullable: true, description: 'Département code; deduced from the postcode when omitted.' })
  departement?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  onlineUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Seats; null for no limit.' })
  capacity?: number | null;

  @Field(() => Date, { nullable: true })
  registrationOpensAt?: Date | null;

  @Field(() => Date, { nullable: true })
  registrationClosesAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Registrations close at the end of this day, "2026-03-02", on the clock of the place (instead of registrationClosesAt).',
  })
  @MaxLength(10)
  registrationClosesOn?: string | null;

  @Field(() => DigitalLevel, { nullable: true })
  level?: DigitalLevel | null;

  @Field(() => [String], { nullable: true })
  publics?: string[] | null;

  @Field(() => String, { nullable: true })
  @MaxLength(1000)
  accessibility?: string | null;

  @Field(() => String, { nullable: true })
  fees?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Other organizations that co-organize it.' })
  coOrganizerIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Barcamp themes.' })
  themes?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'People without an account may register; when omitted at creation, on for ateliers and cafés citoyens.',
  })
  guestsAllowed?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'The uploaded image (POST /api/fichiers, purpose "image"); null removes it.' })
  imageFileId?: string | null;

  @Field(() => String, { nullable: true, description: 'What the image shows (required with an image, 250 characters at most).' })
  @MaxLength(250)
  imageAlt?: string | null;
}

@InputType()
export class CreateEventInput extends EventFieldsInput {
  @Field(() => ID, { description: 'The organizing organization (you must be one of its admins or editors).' })
  organizationId!: string;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field(() => Int, { nullable: true, description: 'A weekly cycle: this many sessions (2 to 52), same time of the place each week.' })
  weeklySessions?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Keep it as a draft: only its organizers see it until they publish it.' })
  draft?: boolean | null;
}

@InputType()
export class UpdateEventInput extends EventFieldsInput {
  @Field(() => ID)
  id!: string;

  @Field(() => EventKind, { nullable: true })
  kind?: EventKind | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'For a session of a cycle: apply to it and every session to come (each keeps its date; the time of day follows).',
  })
  wholeCycle?: boolean | null;
}

@ArgsType()
export class EventsArgs extends PageArgs {
  @Field(() => Date, { nullable: true, description: 'Events that end after this time (now by default).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events that start before this time.' })
  to?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Events still under way on or after this day ("2026-03-01"), on the clock of their place; instead of `from`.',
  })
  @MaxLength(10)
  fromDay?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Events that start on or before this day ("2026-03-31"), on the clock of their place; instead of `to`.',
  })
  @MaxLength(10)
  toDay?: string | null;

  @Field(() => EventKind, { nullable: true })
  kind?: EventKind | null;

  @Field(() => DigitalLevel, { nullable: true })
  level?: DigitalLevel | null;

  @Field(() => String, { nullable: true })
  departement?: string | null;

  @Field(() => NearInput, { nullable: true })
  near?: NearInput | null;

  @Field(() => ID, { nullable: true, description: 'Organized or co-organized by this organization.' })
  organizationId?: string | null;
}

@ArgsType()
export class MyRegistrationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Past events instead of upcoming ones.' })
  past?: boolean | null;
}

@ArgsType()
export class AttendeesArgs extends PageArgs {
  @Field(() => RegistrationStatus, { nullable: true })
  status?: RegistrationStatus | null;
}

@InputType()
export class RegisterToEventInput {
  @Field(() => ID)
  eventId!: string;
}

@InputType()
export class RegisterToSeriesInput {
  @Field(() => ID)
  seriesId!: string;
}

@InputType()
export class CancelRegistrationInput {
  @Field(() => ID)
  eventId!: string;
}

@InputType()
export class EventIdInput {
  @Field(() => ID)
  eventId!: string;
}

@InputType()
export class RegistrationIdInput {
  @Field(() => ID, { description: 'A registration, as the list of attendees gives it (registrationId).' })
  registrationId!: string;
}

@InputType()
export class CoOrganizationAnswerInput {
  @Field(() => ID)
  eventId!: string;

  @Field(() => ID, { description: 'The invited organization (you must be one of its admins).' })
  organizationId!: string;
}

@InputType()
export class CancelEventInput {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String, { nullable: true, description: 'Why, in a sentence the registered people will read.' })
  @MaxLength(500)
  reason?: string | null;
}

@InputType()
export class MessageRegistrantsInput {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String, { description: 'The message, in plain words (2,000 characters at most).' })
  @MaxLength(2000)
  body!: string;

  @Field(() => Boolean, { nullable: true, description: 'Also to the people on the waitlist.' })
  includesWaitlisted?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'To the people of every session to come of the cycle.' })
  wholeCycle?: boolean | null;
}
