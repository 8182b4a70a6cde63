import { wrap } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { User } from '../comptes/user.entity.js';
import { CampaignApplication, QuestionnaireAnswer, TestReport } from './application.entity.js';
import { Campaign, CampaignQuestion, CampaignScenario } from './campaign.entity.js';
import {
  AnswerQuestionnaireInput,
  ApplyToCampaignInput,
  CampaignApplicationsArgs,
  CloseCampaignInput,
  DecideApplicationInput,
  OpenCampaignInput,
  SubmitTestReportInput,
} from './projets.input.js';
import { CampaignApplicationConnection, CampaignPhase, CampaignResults } from './projets.types.js';
import * as campaigns from './campaigns.service.js';
import { Project } from './project.entity.js';
import { canEditProject } from './projects.service.js';
import { campaignResults } from './results.service.js';

@Resolver(() => Campaign)
export class CampaignsResolver {
  @Query(() => Campaign, { nullable: true })
  async campaign(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context): Promise<Campaign | null> {
    return campaigns.findVisibleCampaign(ctx.em, id, viewer);
  }

  @Query(() => [CampaignApplication], { description: "The signed-in user's applications as a tester, newest first." })
  @Authorized()
  async myCampaignApplications(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<CampaignApplication[]> {
    return campaigns.applicationsOf(ctx.em, user);
  }

  @Mutation(() => Campaign, { description: 'Opens a beta-test campaign for a project you run.' })
  @Authorized('VERIFIED')
  async openCampaign(@Arg('input', () => OpenCampaignInput) input: OpenCampaignInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return campaigns.openCampaign(ctx.em, user, input);
  }

  @Mutation(() => CampaignApplication, { description: 'Applies as a tester.' })
  @Authorized('VERIFIED')
  async applyToCampaign(
    @Arg('input', () => ApplyToCampaignInput) input: ApplyToCampaignInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return campaigns.applyToCampaign(ctx.em, user, input);
  }

  @Mutation(() => CampaignApplication, { description: 'The project team accepts or declines an application (never beyond the seats).' })
  @Authorized('VERIFIED')
  async decideApplication(
    @Arg('input', () => DecideApplicationInput) input: DecideApplicationInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return campaigns.decideApplication(ctx.em, user, input);
  }

  @Mutation(() => TestReport, {
    description: 'An accepted tester reports on a scenario; sending again replaces the report until the campaign closes.',
  })
  @Authorized('VERIFIED')
  async submitTestReport(
    @Arg('input', () => SubmitTestReportInput) input: SubmitTestReportInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return campaigns.submitTestReport(ctx.em, user, input);
  }

  @Mutation(() => [QuestionnaireAnswer], { description: 'An accepted tester answers the questionnaire (an empty answer removes it).' })
  @Authorized('VERIFIED')
  async answerQuestionnaire(
    @Arg('input', () => AnswerQuestionnaireInput) input: AnswerQuestionnaireInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return campaigns.answerQuestionnaire(ctx.em, user, input);
  }

  @Mutation(() => Campaign, { description: 'Closes the campaign: reports stop and the results become public.' })
  @Authorized('VERIFIED')
  async closeCampaign(@Arg('input', () => CloseCampaignInput) input: CloseCampaignInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return campaigns.closeCampaign(ctx.em, user, input);
  }

  @FieldResolver(() => CampaignPhase)
  phase(@Root() campaign: Campaign): CampaignPhase {
    return campaigns.campaignPhase(campaign);
  }

  @FieldResolver(() => String)
  goalHtml(@Root() campaign: Campaign): string {
    return renderMarkdown(campaign.goal);
  }

  @FieldResolver(() => Int)
  seatsLeft(@Root() campaign: Campaign): number {
    return Math.max(0, campaign.seats - campaign.acceptedCount);
  }

  @FieldResolver(() => [CampaignScenario])
  async scenarios(@Root() campaign: Campaign, @Ctx() ctx: Context): Promise<CampaignScenario[]> {
    return ctx.em.find(CampaignScenario, { campaign: campaign.id }, { orderBy: { position: 'asc' } });
  }

  @FieldResolver(() => [CampaignQuestion])
  async questions(@Root() campaign: Campaign, @Ctx() ctx: Context): Promise<CampaignQuestion[]> {
    return ctx.em.find(CampaignQuestion, { campaign: campaign.id }, { orderBy: { position: 'asc' } });
  }

  @FieldResolver(() => Project)
  async project(@Root() campaign: Campaign): Promise<Project> {
    return loaded(campaign.project);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the signed-in user runs this campaign (decides, closes).' })
  async canManage(@Root() campaign: Campaign, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context): Promise<boolean> {
    return canEditProject(ctx.em, await loaded(campaign.project), viewer);
  }

  @FieldResolver(() => CampaignApplication, { nullable: true, description: "The signed-in user's application, if any." })
  async myApplication(
    @Root() campaign: Campaign,
    @CurrentViewer() viewer: Viewer | null,
    @Ctx() ctx: Context,
  ): Promise<CampaignApplication | null> {
    return viewer ? campaigns.myApplication(ctx.em, campaign.id, viewer) : null;
  }

  @FieldResolver(() => [TestReport], { description: "The signed-in tester's reports, one per scenario at most." })
  async myReports(@Root() campaign: Campaign, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context): Promise<TestReport[]> {
    return viewer ? campaigns.myReports(ctx.em, campaign.id, viewer) : [];
  }

  @FieldResolver(() => [QuestionnaireAnswer], { description: "The signed-in tester's answers to the questionnaire." })
  async myAnswers(@Root() campaign: Campaign, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context): Promise<QuestionnaireAnswer[]> {
    return viewer ? campaigns.myAnswers(ctx.em, campaign.id, viewer) : [];
  }

  @FieldResolver(() => CampaignApplicationConnection, { description: 'Applications, for the project team only.' })
  async applications(
    @Root() campaign: Campaign,
    @Args(() => CampaignApplicationsArgs) args: CampaignApplicationsArgs,
    @CurrentViewer() viewer: Viewer | null,
    @Ctx() ctx: Context,
  ) {
    await loaded(campaign.project);
    return campaigns.listApplications(ctx.em, viewer, campaign, args);
  }

  @FieldResolver(() => CampaignResults, {
    nullable: true,
    description: 'Public once the campaign is closed; the project team sees them at any time.',
  })
  async results(@Root() campaign: Campaign, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context): Promise<CampaignResults | null> {
    await loaded(campaign.project);
    if (!(await campaigns.canSeeResults(ctx.em, campaign, viewer))) return null;
    return campaignResults(ctx.em, campaign.id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Address of the results as CSV, once the campaign is closed.' })
  resultsCsvUrl(@Root() campaign: Campaign): string | null {
    return campaign.closedAt ? `/api/projets/campagnes/${campaign.id}/resultats.csv` : null;
  }
}

/** A relation as a loaded entity: references the unit of work has not loaded yet are fetched. */
async function loaded<T extends object>(entity: T): Promise<T> {
  const wrapped = wrap(entity, true);
  return wrapped.isInitialized() ? entity : ((await wrapped.init()) as T);
}

@Resolver(() => CampaignApplication)
export class CampaignApplicationResolver {
  @FieldResolver(() => Campaign)
  async campaign(@Root() application: CampaignApplication): Promise<Campaign> {
    return loaded(application.campaign);
  }

  @FieldResolver(() => User)
  async applicant(@Root() application: CampaignApplication): Promise<User> {
    return loaded(application.applicant);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the applicant fits the tester profile the campaign looks for.' })
  async matchesProfile(@Root() application: CampaignApplication): Promise<boolean> {
    return campaigns.matchesProfile(await loaded(application.campaign), application);
  }
}

@Resolver(() => TestReport)
export class TestReportResolver {
  @FieldResolver(() => CampaignScenario)
  async scenario(@Root() report: TestReport): Promise<CampaignScenario> {
    return loaded(report.scenario);
  }
}

@Resolver(() => QuestionnaireAnswer)
export class QuestionnaireAnswerResolver {
  @FieldResolver(() => CampaignQuestion)
  async question(@Root() answer: QuestionnaireAnswer): Promise<CampaignQuestion> {
    return loaded(answer.question);
  }
}
