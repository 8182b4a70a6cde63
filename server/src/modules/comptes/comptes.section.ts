import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import { AccountLink } from './account-link.entity.js';
import { memberFigures, newMembersFeed } from './comptes.home.js';
import { profileContent } from './comptes.moderation.js';
import { accountsPrivacy } from './comptes.privacy.js';
import { AccountsResolver } from './comptes.resolver.js';
import { EmailResolver } from './email.resolver.js';
import { mountProConnectRoutes } from './proconnect.http.js';
import { RateLimitCounter } from './rate-limit.entity.js';
import { AccountSecurityResolver } from './securite.resolver.js';
import { Session } from './session.entity.js';
import { SignInThrottle } from './sign-in-throttle.entity.js';
import { UserIdentity } from './user-identity.entity.js';
import { User } from './user.entity.js';

/** Comptes: sign-up, sign-in, sessions, profiles, roles. */
export const comptesSection = defineSection({
  name: 'comptes',
  label: say('Comptes', 'Accounts'),
  tables: ['app_user', 'user_session', 'account_link', 'rate_limit', 'sign_in_throttle', 'user_identity', 'app_user_tally'],
  views: ['member_card'],
  entities: [User, Session, AccountLink, RateLimitCounter, SignInThrottle, UserIdentity],
  resolvers: [AccountsResolver, EmailResolver, AccountSecurityResolver],
  httpRoutes: [mountProConnectRoutes],
  moderatedContent: [profileContent],
  home: { feeds: [newMembersFeed], figures: memberFigures },
  myData: [accountsPrivacy],
});
