import { Check, Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Project } from './project.entity.js';

/** The five levels of ease with digital tools used across the network. */
export enum TesterLevel {
  ELOIGNE = 'eloigne',
  DEBUTANT = 'debutant',
  INTERMEDIAIRE = 'intermediaire',
  AVANCE = 'avance',
  AUTONOME = 'autonome',
}
registerEnumType(TesterLevel, { name: 'TesterLevel', description: 'Éloigné, Débutant, Intermédiaire, Avancé or Autonome.' });

export const TESTER_LEVELS: readonly TesterLevel[] = Object.values(TesterLevel);

@ObjectType({ description: 'A beta-test campaign of a project: who is sought, how many, when, and what to test.' })
@Entity({ tableName: 'campaign' })
// The seats are never exceeded, whatever the code does.
@Check({ name: 'campaign_seats_check', expression: 'seats > 0 and accepted_count >= 0 and accepted_count <= seats' })
@Check({ name: 'campaign_dates_check', expression: 'test_ends_at > test_starts_at' })
@Index({ properties: ['project', 'createdAt'] })
export class Campaign extends BaseEntity<
  'testerLevels' | 'testerPublics' | 'testerDevices' | 'acceptedCount' | 'closedAt' | 'hiddenAt' | 'hiddenReason'
> {
  @Field(() => Project)
  @ManyToOne({ entity: () => Project, deleteRule: 'cascade' })
  project!: Rel<Project>;

  @Field(() => String)
  @Property({ type: 'string', length: 150 })
  title!: string;

  @Field(() => String, { description: 'What the campaign wants to learn, Markdown as written.' })
  @Property({ type: 'text' })
  goal!: string;

  @Field(() => [TesterLevel], { description: 'Levels sought (empty: every level).' })
  @Property({ type: 'text[]', default: '{}' })
  testerLevels: TesterLevel[] = [];

  @Field(() => [String], { description: 'Publics sought, e.g. "seniors", "parents", "personnes malvoyantes".' })
  @Property({ type: 'text[]', default: '{}' })
  testerPublics: string[] = [];

  @Field(() => [String], { description: 'Devices sought, e.g. "smartphone Android", "tablette", "ordinateur".' })
  @Property({ type: 'text[]', default: '{}' })
  testerDevices: string[] = [];

  @Field(() => Int, { description: 'How many testers the holder will accept.' })
  @Property({ type: 'integer' })
  seats!: number;

  /** Kept equal to the accepted applications by `decideApplication`, under a conditional update, so seats are never exceeded. */
  @Field(() => Int, { description: 'Seats already given to accepted testers.' })
  @Property({ type: 'integer', default: 0 })
  acceptedCount: number = 0;

  @Field(() => Date, { description: 'Applications are received until this moment.' })
  @Property({ type: 'datetime' })
  applicationDeadline!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  testStartsAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  testEndsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the holder closed the campaign; its results are public from then on.' })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null = null;
}

@ObjectType({ description: 'A test scenario: the steps a tester follows and what should happen.' })
@Entity({ tableName: 'campaign_scenario' })
@Unique({ properties: ['campaign', 'position'] })
export class CampaignScenario extends BaseEntity {
  @ManyToOne({ entity: () => Campaign, deleteRule: 'cascade' })
  campaign!: Rel<Campaign>;

  @Field(() => Int, { description: '1 for the first scenario.' })
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 150 })
  title!: string;

  @Field(() => [String])
  @Property({ type: 'text[]' })
  steps!: string[];

  @Field(() => String)
  @Property({ type: 'text' })
  expectedResult!: string;
}

@ObjectType({ description: 'A question of the campaign questionnaire, answered once by each accepted tester.' })
@Entity({ tableName: 'campaign_question' })
@Unique({ properties: ['campaign', 'position'] })
export class CampaignQuestion extends BaseEntity {
  @ManyToOne({ entity: () => Campaign, deleteRule: 'cascade' })
  campaign!: Rel<Campaign>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => String)
  @Property({ type: 'text' })
  text!: string;
}
