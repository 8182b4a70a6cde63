import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf, PageArgs } from '../../graphql/connection.js';
import { MaxLength } from '../../graphql/input-limits.js';
import { OrientationStatus } from './orientation.entity.js';

@ObjectType({ description: 'An orientation between helpers, as its sender or the place’s team reads it.', simpleResolvers: true })
export class OrientationView {
  @Field(() => ID) id!: string;
  @Field(() => OrientationStatus) status!: OrientationStatus;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Date, { description: 'When the sender recorded the person’s consent.' }) consentAt!: Date;
  @Field(() => String, { nullable: true, description: 'First name or initials; null once erased.' }) personName!: string | null;
  @Field(() => String, { nullable: true, description: 'A contact the person chose; null once erased or when none.' })
  personContact!: string | null;
  @Field(() => String, { nullable: true, description: 'Null once erased.' }) need!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { nullable: true, description: 'The team’s latest message.' }) answer!: string | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => String, { nullable: true }) answeredByName!: string | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the person’s data was erased (3 months after closing).' })
  erasedAt!: Date | null;
  @Field(() => ID) senderId!: string;
  @Field(() => String) senderName!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => String) organizationName!: string;
  @Field(() => String) organizationSlug!: string;
  @Field(() => Boolean, { description: 'You sent it.' }) youSent!: boolean;
  @Field(() => Boolean, { description: 'You belong to the place’s team: you may accept, answer or decline it.' }) youAnswer!: boolean;
}

@ObjectType()
export class OrientationConnection extends connectionOf(OrientationView) {}

@ObjectType({ description: 'A place that has a team in Maillage, which can receive orientations.', simpleResolvers: true })
export class OrientationPlaceView {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) slug!: string;
  @Field(() => String, { nullable: true }) commune!: string | null;
}

@ObjectType({ description: 'Orientations counted without personal data (each count stops at 1,000).', simpleResolvers: true })
export class OrientationFiguresView {
  @Field(() => Int) sent!: number;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) declined!: number;
  @Field(() => Int) closed!: number;
}

@InputType()
export class SendOrientationInput {
  @Field(() => ID)
  organizationId!: string;

  @MaxLength(60)
  @Field(() => String, { description: 'First name or initials only.' })
  personName!: string;

  @MaxLength(120)
  @Field(() => String, { nullable: true, description: 'A phone number or e-mail address the person chose to give.' })
  personContact?: string | null;

  @MaxLength(300)
  @Field(() => String)
  need!: string;

  @MaxLength(1000)
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => Boolean, { description: '"La personne a donné son accord": required.' })
  consent!: boolean;
}

export enum OrientationResponse {
  ACCEPT = 'accept',
  ANSWER = 'answer',
  DECLINE = 'decline',
}
registerEnumType(OrientationResponse, { name: 'OrientationResponse' });

@InputType()
export class RespondToOrientationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => OrientationResponse)
  action!: OrientationResponse;

  @MaxLength(1000)
  @Field(() => String, { nullable: true })
  message?: string | null;
}

@ArgsType()
export class ReceivedOrientationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  organizationId?: string | null;
}
