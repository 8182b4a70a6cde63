import { NearInput } from '../../graphql/near.input.js';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { ApplicationStatus } from './application.entity.js';
import { TesterLevel } from './campaign.entity.js';
import { ProjectStage } from './project.entity.js';
import { MaxLength } from '../../graphql/input-limits.js';

@InputType()
export class ProjectLinkInput {
  @Field(() => String)
  label!: string;

  @Field(() => String)
  @MaxLength(2000)
  url!: string;
}

@InputType()
export class ProjectImageInput {
  @Field(() => String)
  @MaxLength(2000)
  url!: string;

  @Field(() => String, { description: 'What the picture shows (required: it is read aloud by screen readers).' })
  @MaxLength(500)
  alt!: string;
}

/** Where the project is and how it is shown: the same optional fields to create and to edit a project. */
@InputType()
export abstract class ProjectPlaceAndMediaFields {
  @Field(() => String, { nullable: true })
  commune?: string | null;

  @Field(() => String, { nullable: true })
  departement?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => [ProjectLinkInput], { nullable: true })
  links?: ProjectLinkInput[] | null;

  @Field(() => [ProjectImageInput], { nullable: true })
  images?: ProjectImageInput[] | null;

  @Field(() => ID, { nullable: true, description: 'The main image, uploaded (POST /api/fichiers, purpose "image"); null removes it.' })
  imageFileId?: string | null;

  @Field(() => String, { nullable: true, description: 'What the main image shows (required with it, 250 characters at most).' })
  @MaxLength(250)
  imageAlt?: string | null;
}

@InputType()
export class CreateProjectInput extends ProjectPlaceAndMediaFields {
  @Field(() => ID, { description: 'The holder organization; you must be one of its admins or editors.' })
  holderId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  @MaxLength(300)
  summary!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(20000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'How to reproduce the project elsewhere (Markdown).' })
  @MaxLength(20000)
  essaimage?: string | null;

  @Field(() => ProjectStage)
  stage!: ProjectStage;
}

@InputType({ description: 'Only the fields given are changed.' })
export class UpdateProjectInput extends ProjectPlaceAndMediaFields {
  @Field(() => ID)
  projectId!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(300)
  summary?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(20000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(20000)
  essaimage?: string | null;

  @Field(() => ProjectStage, { nullable: true })
  stage?: ProjectStage | null;
}

@InputType()
export class AddProjectTeamMemberInput {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ID, { nullable: true, description: 'The member to add, by id…' })
  userId?: string | null;

  @Field(() => String, { nullable: true, description: '…or by the e-mail address of their account.' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  role?: string | null;
}

@InputType()
export class RemoveProjectTeamMemberInput {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ID)
  userId!: string;
}

@InputType({ description: 'How much each criterion counts in the ranking, from 0 (not at all) to 10.' })
export class ProjectSearchWeights {
  @Field(() => Int, { nullable: true, description: 'Closeness to `near` (5 by default).' })
  proximity?: number | null;

  @Field(() => Int, { nullable: true, description: 'Share of the `tags` asked that the project has (5 by default).' })
  tags?: number | null;

  @Field(() => Int, { nullable: true, description: 'Closeness to `preferredStage` (2 by default).' })
  stage?: number | null;

  @Field(() => Int, { nullable: true, description: 'Recently updated projects first (3 by default).' })
  recency?: number | null;
}

@ArgsType()
export class ProjectsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'French full text, accents ignored.' })
  search?: string | null;

  @Field(() => [String], { nullable: true, description: 'Tags that raise a project in the ranking.' })
  tags?: string[] | null;

  @Field(() => [ProjectStage], { nullable: true, description: 'Only these stages.' })
  stages?: ProjectStage[] | null;

  @Field(() => ProjectStage, { nullable: true, description: 'The stage the ranking favours (déployé by default).' })
  preferredStage?: ProjectStage | null;

  @Field(() => NearInput, { nullable: true })
  near?: NearInput | null;

  @Field(() => String, { nullable: true })
  departement?: string | null;

  @Field(() => ID, { nullable: true })
  holderId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only projects with a campaign that receives applications now.' })
  seekingTesters?: boolean | null;

  @Field(() => ProjectSearchWeights, { nullable: true })
  weights?: ProjectSearchWeights | null;
}

@InputType()
export class ScenarioInput {
  @Field(() => String)
  title!: string;

  @Field(() => [String])
  @MaxLength(500)
  steps!: string[];

  @Field(() => String)
  @MaxLength(1000)
  expectedResult!: string;
}

@InputType()
export class TesterProfileInput {
  @Field(() => [TesterLevel], { nullable: true })
  levels?: TesterLevel[] | null;

  @Field(() => [String], { nullable: true })
  publics?: string[] | null;

  @Field(() => [String], { nullable: true })
  devices?: string[] | null;
}

@InputType()
export class OpenCampaignInput {
  @Field(() => ID)
  projectId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  @MaxLength(5000)
  goal!: string;

  @Field(() => TesterProfileInput, { nullable: true })
  testerProfile?: TesterProfileInput | null;

  @Field(() => Int)
  seats!: number;

  @Field(() => Date)
  applicationDeadline!: Date;

  @Field(() => Date)
  testStartsAt!: Date;

  @Field(() => Date)
  testEndsAt!: Date;

  @Field(() => [ScenarioInput])
  scenarios!: ScenarioInput[];

  @Field(() => [String], { nullable: true })
  @MaxLength(500)
  questions?: string[] | null;
}

@InputType()
export class ApplyToCampaignInput {
  @Field(() => ID)
  campaignId!: string;

  @Field(() => String)
  @MaxLength(1000)
  motivation!: string;

  @Field(() => TesterLevel)
  level!: TesterLevel;

  @Field(() => [String], { nullable: true })
  publics?: string[] | null;

  @Field(() => String)
  device!: string;

  @Field(() => Boolean, { nullable: true, description: 'Show my name beside my comments in the public results (anonymous otherwise).' })
  agreesToBeNamed?: boolean | null;
}

@InputType()
export class DecideApplicationInput {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => ApplicationStatus, { description: 'ACCEPTED or DECLINED.' })
  decision!: ApplicationStatus;

  @Field(() => String, { nullable: true, description: 'A word for the applicant (e.g. why they are not selected).' })
  @MaxLength(1000)
  message?: string | null;
}

@InputType()
export class SubmitTestReportInput {
  @Field(() => ID)
  scenarioId!: string;

  @Field(() => Boolean)
  succeeded!: boolean;

  @Field(() => Int)
  rating!: number;

  @Field(() => String, { nullable: true })
  @MaxLength(3000)
  comment?: string | null;

  @Field(() => String)
  device!: string;
}

@InputType()
export class QuestionAnswerInput {
  @Field(() => ID)
  questionId!: string;

  @Field(() => String)
  @MaxLength(3000)
  answer!: string;
}

@InputType()
export class AnswerQuestionnaireInput {
  @Field(() => ID)
  campaignId!: string;

  @Field(() => [QuestionAnswerInput])
  answers!: QuestionAnswerInput[];
}

@InputType()
export class CloseCampaignInput {
  @Field(() => ID)
  campaignId!: string;
}

@ArgsType()
export class CampaignApplicationsArgs extends PageArgs {
  @Field(() => ApplicationStatus, { nullable: true })
  status?: ApplicationStatus | null;
}
