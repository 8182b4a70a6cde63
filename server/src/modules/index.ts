/**
 * The domains of Maillage. Each module brings its entities (MikroORM), its resolvers
 * (type-graphql) and, for some, plain HTTP routes (open data, calendars).
 */
import type { Express } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import { ActivationToken } from './comptes/activation-token.entity.js';
import { AccountsResolver } from './comptes/comptes.resolver.js';
import { RateLimitCounter } from './comptes/rate-limit.entity.js';
import { Session } from './comptes/session.entity.js';
import { User } from './comptes/user.entity.js';
import { Membership } from './reseau/membership.entity.js';
import { NetworkMembership } from './reseau/network-membership.entity.js';
import { NetworksResolver } from './reseau/networks.resolver.js';
import { Organization } from './reseau/organization.entity.js';
import { OrganizationsResolver } from './reseau/organisations.resolver.js';
import { Notification } from './commun/notifications/notification.entity.js';
import { NotificationsResolver } from './commun/notifications/notifications.resolver.js';
import { mountOpenData } from './reseau/open-data.js';
import { ReseauResolver } from './reseau/reseau.resolver.js';
import { Tag, TagFollow } from './mots-cles/tag.entity.js';
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
import { TimebankExchange } from './banque-de-temps/exchange.entity.js';
import { TimebankAccount, TimebankEntry, TimebankSettings, TimebankTransfer } from './banque-de-temps/ledger.entity.js';
import { TimebankPost } from './banque-de-temps/post.entity.js';
import { TimebankAccountResolver, TimebankPoolResolver, TimebankResolver } from './banque-de-temps/banque-de-temps.resolver.js';
import { mountStatementRoutes } from './banque-de-temps/statement.route.js';
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
import { NotificationPreference } from './commun/notifications/notification-preference.entity.js';
import { EmailOutbox } from './commun/notifications/email-outbox.entity.js';
import { Report } from './commun/moderation/report.entity.js';
import { AccountSanction } from './commun/moderation/sanction.entity.js';
import { AuditLogEntry } from './commun/moderation/audit-log.entity.js';
import { ModerationResolver } from './commun/moderation/moderation.resolver.js';
import { PrivacyResolver } from './commun/mes-donnees/mes-donnees.resolver.js';
import { mountPrivacyRoutes } from './commun/mes-donnees/mes-donnees.routes.js';
import { HomeResolver } from './commun/accueil/accueil.resolver.js';
import { mountHomeFeeds } from './commun/accueil/accueil.feeds.js';

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
