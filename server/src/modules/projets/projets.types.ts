import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { CampaignApplication } from './application.entity.js';
import { TesterLevel } from './campaign.entity.js';
import { ProjectImage, ProjectStage } from './project.entity.js';

@ObjectType({ description: 'The organization holding a project, as lists show it.' })
export class ProjectHolder {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  slug!: string;
}

@ObjectType({ description: 'How well a project meets each criterion of the ranking, from 0 to 1.' })
export class ProjectScoreParts {
  @Field(() => Float, { description: '1 at the point asked, 1/2 at 20 km, 0 without coordinates.' })
  proximity!: number;

  @Field(() => Float, { description: 'Share of the tags asked that the project has.' })
  tags!: number;

  @Field(() => Float, { description: '1 at the preferred stage, minus 1/3 per stage away.' })
  stage!: number;

  @Field(() => Float, { description: '1 just updated, 1/2 after 90 days, 1/4 after 180 days…' })
  recency!: number;
}

@ObjectType({ description: 'A project as the list shows it (one SQL statement per page).' })
export class ProjectCard {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => ProjectStage)
  stage!: ProjectStage;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String, { nullable: true })
  commune!: string | null;

  @Field(() => String, { nullable: true })
  departement!: string | null;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => ProjectImage, { nullable: true })
  coverImage!: ProjectImage | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => ProjectHolder)
  holder!: ProjectHolder;

  @Field(() => Int, { description: 'Campaigns receiving applications now.' })
  openCampaignCount!: number;

  @Field(() => Float, { nullable: true, description: 'Distance from `near`, in kilometres.' })
  distanceKm!: number | null;

  @Field(() => Float, { description: 'The weighted mean of `scoreParts` (0 to 1): the list is ordered by it.' })
  score!: number;

  @Field(() => ProjectScoreParts)
  scoreParts!: ProjectScoreParts;
}

@ObjectType()
export class ProjectCardConnection extends connectionOf(ProjectCard) {}

@ObjectType()
export class CampaignApplicationConnection extends connectionOf(CampaignApplication) {}

export enum CampaignPhase {
  /** Receiving applications. */
  APPLICATIONS = 'applications',
  /** Applications closed; accepted testers test and report. */
  TESTING = 'testing',
  /** Closed by the holder: results are public. */
  CLOSED = 'closed',
}
registerEnumType(CampaignPhase, { name: 'CampaignPhase' });

@ObjectType({ description: 'A comment of a tester, as the public results show it.' })
export class Verbatim {
  @Field(() => String)
  text!: string;

  @Field(() => String, { nullable: true, description: 'The tester’s name, only when they agreed to be named.' })
  authorName!: string | null;

  @Field(() => Int, { description: 'Stable number of the tester in this campaign ("Testeur·rice n° 2").' })
  testerNumber!: number;

  @Field(() => TesterLevel)
  level!: TesterLevel;

  @Field(() => String, { nullable: true })
  device!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'For a scenario comment: whether that tester succeeded.' })
  succeeded!: boolean | null;

  @Field(() => Int, { nullable: true })
  rating!: number | null;
}

@ObjectType()
export class ScenarioResult {
  @Field(() => ID)
  scenarioId!: string;

  @Field(() => Int)
  position!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  expectedResult!: string;

  @Field(() => Int)
  reportCount!: number;

  @Field(() => Int)
  successCount!: number;

  @Field(() => Float, { nullable: true, description: 'Share of reports that succeeded (0 to 1), null without reports.' })
  successRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean rating (1 to 5), null without reports.' })
  meanRating!: number | null;

  @Field(() => [Verbatim])
  verbatims!: Verbatim[];
}

@ObjectType()
export class QuestionResult {
  @Field(() => ID)
  questionId!: string;

  @Field(() => Int)
  position!: number;

  @Field(() => String)
  text!: string;

  @Field(() => [Verbatim])
  answers!: Verbatim[];
}

@ObjectType({ description: 'How many accepted testers have a given level, public or device.' })
export class ProfileCount {
  @Field(() => String)
  value!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Who tested: the profile mix of accepted testers.' })
export class TesterMix {
  @Field(() => Int)
  testerCount!: number;

  @Field(() => [ProfileCount], { description: 'Per level, with the level codes (eloigne, debutant…) as values.' })
  levels!: ProfileCount[];

  @Field(() => [ProfileCount])
  publics!: ProfileCount[];

  @Field(() => [ProfileCount])
  devices!: ProfileCount[];
}

@ObjectType({ description: 'The aggregated results of a campaign (public once it is closed).' })
export class CampaignResults {
  @Field(() => Int)
  reportCount!: number;

  @Field(() => Float, { nullable: true, description: 'Share of all reports that succeeded.' })
  overallSuccessRate!: number | null;

  @Field(() => Float, { nullable: true })
  overallMeanRating!: number | null;

  @Field(() => [ScenarioResult])
  scenarios!: ScenarioResult[];

  @Field(() => [QuestionResult])
  questions!: QuestionResult[];

  @Field(() => TesterMix)
  testers!: TesterMix;
}
