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
import { NetworkMembership } from './organizations/network-membership.entity.js';
import { NetworksResolver } from './organizations/networks.resolver.js';
import { Organization } from './organizations/organization.entity.js';
import { OrganizationsResolver } from './organizations/organizations.resolver.js';
import { Notification } from './notifications/notification.entity.js';
import { NotificationsResolver } from './notifications/notifications.resolver.js';
import { mountOpenData } from './reseau/open-data.js';
import { ReseauResolver } from './reseau/reseau.resolver.js';
import { Tag, TagFollow } from './tags/tag.entity.js';
import { Answer } from './entraide/answer.entity.js';
import { Question } from './entraide/question.entity.js';
import { QuestionFollow } from './entraide/question-follow.entity.js';
import { AnswerVote, QuestionVote } from './entraide/vote.entity.js';
import { AnswersResolver, ExpertiseResolver, QuestionsResolver, TagsResolver } from './entraide/entraide.resolver.js';
import { mountAgendaRoutes } from './agenda/agenda.http.js';
import { AgendaResolver, EventSeriesResolver, OrganizationAgendaResolver } from './agenda/agenda.resolver.js';
import { BarcampRoom, BarcampSlot, SessionInterest, SessionProposal } from './agenda/barcamp.entity.js';
import { BarcampResolver } from './agenda/barcamp.resolver.js';
import { CalendarToken } from './agenda/calendar-token.entity.js';
import { AgendaEvent, EventSeries } from './agenda/event.entity.js';
import { Registration } from './agenda/registration.entity.js';
import { TimebankExchange } from './timebank/exchange.entity.js';
import { TimebankAccount, TimebankEntry, TimebankSettings, TimebankTransfer } from './timebank/ledger.entity.js';
import { TimebankPost } from './timebank/post.entity.js';
import { TimebankAccountResolver, TimebankPoolResolver, TimebankResolver } from './timebank/timebank.resolver.js';
import { mountStatementRoutes } from './timebank/statement.route.js';
import { CampaignApplication, QuestionnaireAnswer, TestReport } from './projets/application.entity.js';
import { Campaign, CampaignQuestion, CampaignScenario } from './projets/campaign.entity.js';
import { CampaignApplicationResolver, CampaignsResolver, QuestionnaireAnswerResolver, TestReportResolver } from './projets/campaigns.resolver.js';
import { Project, ProjectTeamMember } from './projets/project.entity.js';
import { ProjectsResolver } from './projets/projects.resolver.js';
import { mountResultsCsv } from './projets/results.csv.js';
import { CharterAmendment, CharterAmendmentComment, CharterAmendmentSupport } from './charte/charter-amendment.entity.js';
import { CharterSettings } from './charte/charter-settings.entity.js';
import { CharterSignature } from './charte/charter-signature.entity.js';
import { CharterArticle, CharterVersion } from './charte/charter-version.entity.js';
import { AmendmentCommentResolver, AmendmentResolver } from './charte/amendments.resolver.js';
import { CharterSignaturesResolver } from './charte/signatures.resolver.js';
import { CharterArticleResolver, CharterVersionResolver } from './charte/versions.resolver.js';
import { NotificationPreference } from './notifications/notification-preference.entity.js';
import { EmailOutbox } from './notifications/email-outbox.entity.js';
import { Report } from './moderation/report.entity.js';
import { AccountSanction } from './moderation/sanction.entity.js';
import { AuditLogEntry } from './moderation/audit-log.entity.js';
import { ModerationResolver } from './moderation/moderation.resolver.js';
import { PrivacyResolver } from './privacy/privacy.resolver.js';
import { mountPrivacyRoutes } from './privacy/privacy.routes.js';
import { HomeResolver } from './home/home.resolver.js';
import { mountHomeFeeds } from './home/home.feeds.js';

export const entities = [
  // accounts
  User, Session, ActivationToken, RateLimitCounter,
  // organizations
  Organization, Membership, NetworkMembership,
  // tags (shared by every section)
  Tag, TagFollow,
  // entraide
  Question, Answer, QuestionVote, AnswerVote, QuestionFollow,
  // agenda
  AgendaEvent, EventSeries, Registration, BarcampRoom, BarcampSlot, SessionProposal, SessionInterest, CalendarToken,
  // timebank
  TimebankSettings, TimebankAccount, TimebankTransfer, TimebankEntry, TimebankPost, TimebankExchange,
  // projets
  Project, ProjectTeamMember, Campaign, CampaignScenario, CampaignQuestion, CampaignApplication, TestReport, QuestionnaireAnswer,
  // charte
  CharterVersion, CharterArticle, CharterSignature, CharterAmendment, CharterAmendmentSupport, CharterAmendmentComment, CharterSettings,
  // notifications
  Notification, NotificationPreference, EmailOutbox,
  // moderation
  Report, AccountSanction, AuditLogEntry,
];

export const resolvers = [
  AccountsResolver,
  OrganizationsResolver,
  NetworksResolver,
  ReseauResolver,
  NotificationsResolver,
  QuestionsResolver, AnswersResolver, TagsResolver, ExpertiseResolver,
  AgendaResolver, EventSeriesResolver, OrganizationAgendaResolver, BarcampResolver,
  TimebankResolver, TimebankAccountResolver, TimebankPoolResolver,
  ProjectsResolver, CampaignsResolver, CampaignApplicationResolver, TestReportResolver, QuestionnaireAnswerResolver,
  CharterVersionResolver, CharterArticleResolver, CharterSignaturesResolver, AmendmentResolver, AmendmentCommentResolver,
  ModerationResolver,
  PrivacyResolver,
  HomeResolver,
] as const;

export interface HttpRouteDeps {
  orm: MikroORM;
  config: AppConfig;
}

/** Plain HTTP routes beside /graphql (e.g. /api/lieux.csv, /ical/…), mounted before the web app. */
export const httpRoutes: Array<(app: Express, deps: HttpRouteDeps) => void> = [
  // réseau: the directory as open data in the national standard
  mountOpenData,
  // agenda: calendars (iCalendar) and the attendance sheet (CSV)
  mountAgendaRoutes,
  // banque de temps: statements (CSV)
  mountStatementRoutes,
  // projets: the results of a closed campaign (CSV)
  mountResultsCsv,
  mountPrivacyRoutes,
  mountHomeFeeds,
];
