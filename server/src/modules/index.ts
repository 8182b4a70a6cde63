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
import { CharterAmendment, CharterAmendmentComment, CharterAmendmentSupport } from './charte/charter-amendment.entity.js';
import { CharterSettings } from './charte/charter-settings.entity.js';
import { CharterSignature } from './charte/charter-signature.entity.js';
import { CharterArticle, CharterVersion } from './charte/charter-version.entity.js';
import { AmendmentCommentResolver, AmendmentResolver } from './charte/amendments.resolver.js';
import { CharterSignaturesResolver } from './charte/signatures.resolver.js';
import { CharterArticleResolver, CharterVersionResolver } from './charte/versions.resolver.js';

export const entities = [
  // accounts
  User, Session, ActivationToken, RateLimitCounter,
  // organizations
  Organization, Membership,
  // notifications
  Notification,
  // charte
  CharterVersion, CharterArticle, CharterSignature, CharterAmendment, CharterAmendmentSupport, CharterAmendmentComment, CharterSettings,
];

export const resolvers = [
  AccountsResolver,
  OrganizationsResolver,
  NotificationsResolver,
  CharterVersionResolver, CharterArticleResolver, CharterSignaturesResolver, AmendmentResolver, AmendmentCommentResolver,
] as const;

export interface HttpRouteDeps {
  orm: MikroORM;
  config: AppConfig;
}

/** Plain HTTP routes beside /graphql (e.g. /api/lieux.csv, /ical/…), mounted before the web app. */
export const httpRoutes: Array<(app: Express, deps: HttpRouteDeps) => void> = [];
