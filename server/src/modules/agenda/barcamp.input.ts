import { Field, ID, InputType, Int } from 'type-graphql';
import { MaxLength } from '../../graphql/input-limits.js';

@InputType()
export class ProposeSessionInput {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true, description: 'What it is about, in a few lines.' })
  @MaxLength(5000)
  pitch?: string | null;

  @Field(() => String, { nullable: true, description: 'One of the barcamp themes.' })
  theme?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Other speakers (you are one of them).' })
  speakerIds?: string[] | null;
}

@InputType()
export class MarkInterestInput {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => Boolean, { nullable: true, description: 'false removes the mark (true by default).' })
  interested?: boolean | null;
}

@InputType()
export class GridRoomInput {
  @Field(() => ID, { nullable: true, description: 'An existing room; a new one when omitted.' })
  id?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  capacity!: number;
}

@InputType()
export class GridSlotInput {
  @Field(() => ID, { nullable: true, description: 'An existing slot; a new one when omitted.' })
  id?: string | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Wall-clock time of the place, "2026-06-12T10:00".' })
  localStart?: string | null;

  @Field(() => String, { nullable: true })
  localEnd?: string | null;
}

@InputType()
export class SaveBarcampGridInput {
  @Field(() => ID)
  eventId!: string;

  @Field(() => [GridRoomInput])
  rooms!: GridRoomInput[];

  @Field(() => [GridSlotInput])
  slots!: GridSlotInput[];
}

@InputType()
export class ScheduleSessionInput {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => ID, { nullable: true, description: 'With slotId; both null take the session off the grid.' })
  roomId?: string | null;

  @Field(() => ID, { nullable: true })
  slotId?: string | null;
}

@InputType()
export class AutoScheduleInput {
  @Field(() => ID)
  eventId!: string;
}

@InputType()
export class SaveSessionNotesInput {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => String, { description: 'Markdown.' })
  @MaxLength(50000)
  notes!: string;
}
