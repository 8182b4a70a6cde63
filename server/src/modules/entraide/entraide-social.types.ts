import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { MemberCard } from './entraide.types.js';

@ObjectType('QuestionComment', { description: 'A short comment under a question or an answer (inline Markdown).', simpleResolvers: true })
export class CommentView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  questionId!: string;

  @Field(() => ID, { nullable: true, description: 'Null for a comment under the question itself.' })
  answerId!: string | null;

  @Field(() => String, { description: 'Inline Markdown as written (600 characters at most).' })
  body!: string;

  @Field(() => MemberCard)
  author!: MemberCard;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  editedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Hidden by moderation (only its author and moderators still see it).' })
  hiddenAt!: Date | null;

  @Field(() => String, { nullable: true })
  hiddenReason!: string | null;

  authorId!: string;
}

@ObjectType()
export class QuestionCommentConnection extends connectionOf(CommentView) {}

export enum InvitationStatus {
  INVITED = 'invited',
  DECLINED = 'declined',
  ANSWERED = 'answered',
}
registerEnumType(InvitationStatus, { name: 'InvitationStatus', description: 'Where an invitation to answer stands.' });

@ObjectType('ExpertInvitation', {
  description: 'A member the asker invited to answer (never with an e-mail address).',
  simpleResolvers: true,
})
export class InvitationView {
  @Field(() => MemberCard)
  member!: MemberCard;

  @Field(() => InvitationStatus, { description: 'ANSWERED once they answered after being invited, DECLINED if they declined.' })
  status!: InvitationStatus;

  @Field(() => Date)
  invitedAt!: Date;

  questionId!: string;
}
