import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Campaign, CampaignQuestion, CampaignScenario, TesterLevel } from './campaign.entity.js';

export enum ApplicationStatus {
  PENDING = 'pending',
  ACCEPTED = 'accepted',
  DECLINED = 'declined',
}
registerEnumType(ApplicationStatus, { name: 'ApplicationStatus' });

@ObjectType({ description: "A member's application to test a project. Seen by the applicant and the project team only." })
@Entity({ tableName: 'campaign_application' })
@Unique({ properties: ['campaign', 'applicant'] })
@Index({ properties: ['campaign', 'status'] })
export class CampaignApplication extends BaseEntity<'status' | 'publics' | 'agreesToBeNamed' | 'decidedAt' | 'decisionMessage'> {
  @Field(() => Campaign)
  @ManyToOne({ entity: () => Campaign, deleteRule: 'cascade' })
  campaign!: Rel<Campaign>;

  @Field(() => User)
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  applicant!: Rel<User>;

  @Field(() => String)
  @Property({ type: 'text' })
  motivation!: string;

  @Field(() => TesterLevel, { description: 'The level the applicant says they have.' })
  @Enum({ items: () => TesterLevel, nativeEnumName: 'tester_level' })
  level!: TesterLevel;

  @Field(() => [String], { description: 'Publics the applicant belongs to.' })
  @Property({ type: 'text[]', default: '{}' })
  publics: string[] = [];

  @Field(() => String, { description: 'The device they will test with.' })
  @Property({ type: 'string', length: 120 })
  device!: string;

  @Field(() => Boolean, { description: 'The tester agrees that their name appears beside their comments in the public results.' })
  @Property({ type: 'boolean', default: false })
  agreesToBeNamed: boolean = false;

  @Field(() => ApplicationStatus)
  @Enum({ items: () => ApplicationStatus, nativeEnumName: 'application_status', default: ApplicationStatus.PENDING })
  status: ApplicationStatus = ApplicationStatus.PENDING;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null = null;

  @Field(() => String, { nullable: true, description: 'What the holder told the applicant with the decision.' })
  @Property({ type: 'text', nullable: true })
  decisionMessage?: string | null = null;
}

@ObjectType({ description: "An accepted tester's report on one scenario." })
@Entity({ tableName: 'test_report' })
@Check({ name: 'test_report_rating_check', expression: 'rating >= 1 and rating <= 5' })
@Unique({ properties: ['application', 'scenario'] })
export class TestReport extends BaseEntity<'comment' | 'hiddenAt' | 'hiddenReason'> {
  @ManyToOne({ entity: () => CampaignApplication, deleteRule: 'cascade' })
  application!: Rel<CampaignApplication>;

  @Field(() => CampaignScenario)
  @ManyToOne({ entity: () => CampaignScenario, deleteRule: 'cascade' })
  scenario!: Rel<CampaignScenario>;

  @Field(() => Boolean, { description: 'Did the tester reach the expected result?' })
  @Property({ type: 'boolean' })
  succeeded!: boolean;

  @Field(() => Int, { description: '1 (very hard) to 5 (very easy).' })
  @Property({ type: 'smallint' })
  rating!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment?: string | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  device!: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null = null;
}

@ObjectType({ description: "An accepted tester's answer to a question of the questionnaire." })
@Entity({ tableName: 'questionnaire_answer' })
@Unique({ properties: ['application', 'question'] })
export class QuestionnaireAnswer extends BaseEntity<'hiddenAt' | 'hiddenReason'> {
  @ManyToOne({ entity: () => CampaignApplication, deleteRule: 'cascade' })
  application!: Rel<CampaignApplication>;

  @Field(() => CampaignQuestion)
  @ManyToOne({ entity: () => CampaignQuestion, deleteRule: 'cascade' })
  question!: Rel<CampaignQuestion>;

  @Field(() => String)
  @Property({ type: 'text' })
  answer!: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null = null;
}
