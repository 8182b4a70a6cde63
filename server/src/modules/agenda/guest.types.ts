import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MaxLength } from '../../graphql/input-limits.js';
import { AgendaEvent } from './event.entity.js';
import { RegistrationStatus } from './registration.entity.js';

@InputType({ description: '"S\'inscrire sans compte" on an event that allows it.' })
export class RequestGuestRegistrationInput {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  firstName!: string;

  @Field(() => String)
  @MaxLength(254)
  email!: string;

  @Field(() => Boolean, { description: 'The person accepts that their first name and address serve this registration.' })
  consent!: boolean;
}

@InputType({ description: 'An organizer registers someone at the desk, by name, and a phone or an e-mail address if they give one.' })
export class RegisterGuestAtDeskInput {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "Kept as an online guest's address: the guest e-mails reach it." })
  @MaxLength(254)
  email?: string | null;
}

@InputType()
export class GuestTokenInput {
  @Field(() => String, { description: 'The token of the private link.' })
  token!: string;
}

@ObjectType({ description: 'The answer to a guest registration request: the same whatever the address.' })
export class GuestRequestResult {
  @Field(() => String) message!: string;
}

@ObjectType({ description: "A guest's registration, as their private page shows it." })
export class GuestRegistration {
  @Field(() => AgendaEvent) event!: AgendaEvent;
  @Field(() => String) firstName!: string;
  @Field(() => Boolean, { description: 'Not confirmed yet: the page offers to confirm (the link stays valid 48 hours).' })
  pending!: boolean;
  @Field(() => RegistrationStatus, { nullable: true }) status!: RegistrationStatus | null;
  @Field(() => Int, { nullable: true, description: '1 = next to get a seat.' }) waitlistPosition!: number | null;
  @Field(() => Boolean, { description: 'It may still be cancelled (not cancelled, event not over).' }) canCancel!: boolean;
  @Field(() => String, { nullable: true, description: 'iCalendar file of the event, once confirmed.' }) calendarUrl!: string | null;
}
