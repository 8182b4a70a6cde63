import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../../graphql/connection.js';
import { Role } from '../../comptes/user.entity.js';
import { QueueStatus } from './moderation.types.js';
import { ReportReason } from './report.entity.js';
import { MaxLength } from '../../../graphql/input-limits.js';

@InputType()
export class ReportContentInput {
  @Field(() => String, { description: 'A registered content type: "profile", "entraide.answer"…' })
  contentType!: string;

  @Field(() => ID)
  contentId!: string;

  @Field(() => ReportReason)
  reason!: ReportReason;

  @Field(() => String, { nullable: true, description: 'Required when the reason is OTHER.' })
  @MaxLength(1000)
  details?: string | null;
}

@InputType()
export class ModerateContentInput {
  @Field(() => String)
  contentType!: string;

  @Field(() => ID)
  contentId!: string;

  @Field(() => String, { nullable: true, description: 'Told to the author (required to hide).' })
  @MaxLength(1000)
  reason?: string | null;
}

@InputType()
export class WarnMemberInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  @MaxLength(1000)
  reason!: string;
}

@InputType()
export class SuspendMemberInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  @MaxLength(1000)
  reason!: string;

  @Field(() => Int, { description: '1 to 365 days.' })
  days!: number;
}

@InputType()
export class LiftSuspensionInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(1000)
  reason?: string | null;
}

@InputType()
export class SetUserRoleInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => Role)
  role!: Role;
}

@ArgsType()
export class ModerationQueueArgs extends PageArgs {
  @Field(() => QueueStatus, { nullable: true, description: 'OPEN (default): reports to handle; CLOSED: decided cases.' })
  status?: QueueStatus | null;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'An action ("role.change") or a family ("moderation").' })
  action?: string | null;

  @Field(() => ID, { nullable: true, description: 'Entries where this person acted or was concerned.' })
  userId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Entries about this kind of content ("reseau.place": the answers about places: claims, corrections, requests to join).',
  })
  contentType?: string | null;
}
