/**
 * The domains of Maillage. Each module brings its entities (MikroORM), its resolvers
 * (type-graphql) and, for some, plain HTTP routes (open data, calendars).
 */
import type { Express } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import { ActivationToken } from './accounts/activation-token.entity.js';
import { AccountsResolver } from './accounts/accounts.resolver.js';
import { RateLimitCounter } from './accounts/rate-limit.entity.js';
import { Session } from './accounts/session.entity.js';
import { User } from './accounts/user.entity.js';
import { Membership } from './organizations/membership.entity.js';
import { Organization } from './organizations/organization.entity.js';
import { OrganizationsResolver } from './organizations/organizations.resolver.js';
import { Notification } from './notifications/notification.entity.js';
import { NotificationsResolver } from './notifications/notifications.resolver.js';
import { CampaignApplication, QuestionnaireAnswer, TestReport } from './projets/application.entity.js';
import { Campaign, CampaignQuestion, CampaignScenario } from './projets/campaign.entity.js';
import { CampaignApplicationResolver, CampaignsResolver, QuestionnaireAnswerResolver, TestReportResolver } from './projets/campaigns.resolver.js';
import { Project, ProjectTeamMember } from './projets/project.entity.js';
import { ProjectsResolver } from './projets/projects.resolver.js';
import { mountResultsCsv } from './projets/results.csv.js';

export const entities = [
  // accounts
  User, Session, ActivationToken, RateLimitCounter,
  // organizations
  Organization, Membership,
  // notifications
  Notification,
  // projets
  Project, ProjectTeamMember, Campaign, CampaignScenario, CampaignQuestion, CampaignApplication, TestReport, QuestionnaireAnswer,
];

export const resolvers = [
  AccountsResolver,
  OrganizationsResolver,
  NotificationsResolver,
  ProjectsResolver, CampaignsResolver, CampaignApplicationResolver, TestReportResolver, QuestionnaireAnswerResolver,
] as const;

export interface HttpRouteDeps {
  orm: MikroORM;
  config: AppConfig;
}

/** Plain HTTP routes beside /graphql (e.g. /api/lieux.csv, /ical/…), mounted before the web app. */
export const httpRoutes: Array<(app: Express, deps: HttpRouteDeps) => void> = [
  mountResultsCsv,
];
