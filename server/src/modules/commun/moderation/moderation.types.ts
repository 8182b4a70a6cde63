import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../../graphql/connection.js';
import { AccountStatus } from '../../comptes/user.entity.js';
import { QueueStatus } from './moderation.service.js';
import { ReportReason, ReportStatus } from './report.entity.js';

registerEnumType(QueueStatus, { name: 'ModerationQueueStatus' });
export { QueueStatus };

@ObjectType({ description: 'The outcome of a report.' })
export class ReportReceipt {
  @Field(() => String)
  contentType!: string;

  @Field(() => ID)
  contentId!: string;

  @Field(() => Boolean, { description: 'You had already reported it: nothing new was recorded.' })
  alreadyReported!: boolean;
}

@ObjectType({ description: 'A content as moderation sees it.' })
export class ModeratedContent {
  @Field(() => String)
  contentType!: string;

  @Field(() => ID)
  contentId!: string;

  @Field(() => String, { nullable: true })
  excerpt!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The excerpt's Markdown as HTML, sanitized (a cut excerpt may leave a mark unclosed).",
  })
  excerptHtml!: string | null;

  @Field(() => String, { nullable: true })
  link!: string | null;

  @Field(() => Date, { nullable: true })
  hiddenAt!: Date | null;

  @Field(() => String, { nullable: true })
  hiddenReason!: string | null;
}

@ObjectType()
export class CaseReport {
  @Field(() => ID)
  id!: string;

  @Field(() => ReportReason)
  reason!: ReportReason;

  @Field(() => String, { nullable: true })
  details!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String)
  reporterName!: string;
}

@ObjectType()
export class CaseAuthor {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => AccountStatus)
  status!: AccountStatus;

  @Field(() => Date, { nullable: true })
  suspendedUntil!: Date | null;

  @Field(() => Int, { description: 'Warnings received so far.' })
  warnings!: number;
}

@ObjectType({ description: 'One reported content and its reports.' })
export class ModerationCase extends ModeratedContent {
  @Field(() => String, { description: 'What it is, e.g. "une réponse".' })
  contentLabel!: string;

  @Field(() => Int)
  reportCount!: number;

  @Field(() => Date)
  firstReportedAt!: Date;

  @Field(() => Date)
  lastReportedAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => ReportStatus, { description: 'OPEN, or the decision: UPHELD (hidden) or DISMISSED.' })
  decision!: ReportStatus;

  @Field(() => [CaseReport])
  reports!: CaseReport[];

  @Field(() => CaseAuthor, { nullable: true })
  author!: CaseAuthor | null;
}

@ObjectType()
export class ModerationCaseConnection extends connectionOf(ModerationCase) {}

@ObjectType({ description: 'One line of the audit log.' })
export class AuditLogEntryView {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String, { description: 'e.g. "moderation.hide", "role.change".' })
  action!: string;

  @Field(() => String, { description: 'One sentence, in the language of the request.' })
  summary!: string;

  @Field(() => ID, { nullable: true })
  actorId!: string | null;

  @Field(() => String, { description: 'Who did it ("la console d\'administration" for the command line).' })
  actorName!: string;

  @Field(() => ID, { nullable: true })
  targetUserId!: string | null;

  @Field(() => String, { nullable: true })
  targetName!: string | null;

  @Field(() => String, { nullable: true })
  contentType!: string | null;

  @Field(() => ID, { nullable: true })
  contentId!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType()
export class AuditLogConnection extends connectionOf(AuditLogEntryView) {}
