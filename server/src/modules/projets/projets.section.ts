import { projectCard, projectsSitemap } from './projets.partage.js';
import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import { CampaignApplication, QuestionnaireAnswer, TestReport } from './application.entity.js';
import { Campaign, CampaignQuestion, CampaignScenario } from './campaign.entity.js';
import { CampaignApplicationResolver, CampaignsResolver, QuestionnaireAnswerResolver, TestReportResolver } from './campaigns.resolver.js';
import { Project, ProjectTeamMember } from './project.entity.js';
import { ProjectCardResolver, ProjectsResolver } from './projects.resolver.js';
import {
  campaignContent,
  campaignsSeekingTestersFeed,
  projectContent,
  projetsNotificationKinds,
  projetsPrivacy,
} from './projets.commun.js';
import { mountResultsCsv } from './results.csv.js';

/** Projets: the showcase, beta-test campaigns, reports and public results. */
export const projetsSection = defineSection({
  name: 'projets',
  label: say('Projets', 'Projects'),
  tables: [
    'project',
    'project_team_member',
    'campaign',
    'campaign_scenario',
    'campaign_question',
    'campaign_application',
    'test_report',
    'questionnaire_answer',
  ],
  entities: [
    Project,
    ProjectTeamMember,
    Campaign,
    CampaignScenario,
    CampaignQuestion,
    CampaignApplication,
    TestReport,
    QuestionnaireAnswer,
  ],
  resolvers: [
    ProjectsResolver,
    ProjectCardResolver,
    CampaignsResolver,
    CampaignApplicationResolver,
    TestReportResolver,
    QuestionnaireAnswerResolver,
  ],
  httpRoutes: [mountResultsCsv],
  notificationKinds: projetsNotificationKinds,
  moderatedContent: [projectContent, campaignContent],
  home: { feeds: [campaignsSeekingTestersFeed] },
  myData: [projetsPrivacy],
  sharing: { cards: [projectCard], sitemap: [projectsSitemap] },
  // Projects and campaigns stay with their holder; test reports stay in the results, never named again.
  keptAfterAccountDeletion: ['project.created_by_id', 'campaign.created_by_id', 'campaign_application.applicant_id'],
});
