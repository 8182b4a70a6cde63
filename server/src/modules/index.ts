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
  Organization, Membership,
  // notifications
  Notification, NotificationPreference, EmailOutbox,
  // moderation
  Report, AccountSanction, AuditLogEntry,
];

export const resolvers = [
  AccountsResolver,
  OrganizationsResolver,
  NotificationsResolver,
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
  mountPrivacyRoutes,
  mountHomeFeeds,
];
