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

export const entities = [
  // accounts
  User, Session, ActivationToken, RateLimitCounter,
  // organizations
  Organization, Membership, NetworkMembership,
  // notifications
  Notification,
  // tags (shared by every section)
  Tag, TagFollow,
  // entraide
  Question, Answer, QuestionVote, AnswerVote, QuestionFollow,
];

export const resolvers = [
  AccountsResolver,
  OrganizationsResolver,
  NetworksResolver,
  ReseauResolver,
  NotificationsResolver,
  QuestionsResolver, AnswersResolver, TagsResolver, ExpertiseResolver,
] as const;

export interface HttpRouteDeps {
  orm: MikroORM;
  config: AppConfig;
}

/** Plain HTTP routes beside /graphql (e.g. /api/lieux.csv, /ical/…), mounted before the web app. */
export const httpRoutes: Array<(app: Express, deps: HttpRouteDeps) => void> = [
  // réseau: the directory as open data in the national standard
  mountOpenData,
];
