/**
 * Where each section plugs into what ties Maillage together (the "commun"): one line per entry.
 * See docs/commun.md for what each entry is and how to write one.
 */
import { newMembersFeed, memberFigures } from './accounts/accounts.home.js';
import { profileContent } from './accounts/accounts.moderation.js';
import { accountsPrivacy } from './accounts/accounts.privacy.js';
import type { HomeFeedProvider, HomeFigureProvider, HomePersonalProvider } from './home/home-provider.js';
import { checkContentType, type ModeratedContentType } from './moderation/moderated-content.js';
import { moderationQueueForMe } from './moderation/moderation.home.js';
import { moderationNotificationKinds } from './moderation/moderation-kinds.js';
import { moderationPrivacy } from './moderation/moderation.privacy.js';
import type { NotificationKind } from './notifications/notification-kinds.js';
import { unreadNotificationsForMe } from './notifications/notifications.home.js';
import { notificationsPrivacy } from './notifications/notifications.privacy.js';
import { newOrganizationsFeed, organizationFigures } from './organizations/organizations.home.js';
import { organizationsNotificationKinds } from './organizations/organizations.kinds.js';
import { organizationsPrivacy } from './organizations/organizations.privacy.js';
import type { PrivacyProvider } from './privacy/privacy-provider.js';
import { agendaFigures, agendaNotificationKinds, agendaPrivacy, barcampSessionContent, eventContent, myNextRegistrations, upcomingEventsFeed } from './agenda/agenda.commun.js';
import { amendmentCommentContent, amendmentContent, charteNotificationKinds, chartePrivacy } from './charte/charte.commun.js';
import { answerContent, answersToMyQuestions, entraideFigures, entraideNotificationKinds, entraidePrivacy, latestQuestionsFeed, questionContent } from './entraide/entraide.commun.js';
import { campaignContent, campaignsSeekingTestersFeed, projectContent, projetsNotificationKinds, projetsPrivacy } from './projets/projets.commun.js';
import {
  exchangesWaitingForMe, timebankFigures, timebankNotificationKinds, timebankOffersFeed, timebankPostContent, timebankPrivacy, timebankRequestsFeed,
} from './timebank/timebank.commun.js';

/** Kinds of notification members can choose how to receive (in the site, e-mail, weekly digest, off). */
export const notificationKinds: NotificationKind[] = [
  ...entraideNotificationKinds,
  ...agendaNotificationKinds,
  ...timebankNotificationKinds,
  ...projetsNotificationKinds,
  ...charteNotificationKinds,
  ...organizationsNotificationKinds,
  ...moderationNotificationKinds,
];

/** Content members can report and moderators can hide (the table has hidden_at / hidden_reason). */
export const moderatedContentTypes: ModeratedContentType[] = [
  profileContent,
  questionContent,
  answerContent,
  eventContent,
  barcampSessionContent,
  timebankPostContent,
  projectContent,
  campaignContent,
  amendmentContent,
  amendmentCommentContent,
].map(checkContentType);

/** "Download my data" and "delete my account", section by section. The account itself comes last. */
export const privacyProviders: PrivacyProvider[] = [
  entraidePrivacy,
  agendaPrivacy,
  timebankPrivacy,
  projetsPrivacy,
  chartePrivacy,
  organizationsPrivacy,
  notificationsPrivacy,
  moderationPrivacy,
  accountsPrivacy,
];

/** The home page's sections, in the order shown. */
export const homeFeedProviders: HomeFeedProvider[] = [
  latestQuestionsFeed,
  timebankOffersFeed,
  timebankRequestsFeed,
  upcomingEventsFeed,
  campaignsSeekingTestersFeed,
  newOrganizationsFeed,
  newMembersFeed,
];

/** The network's figures on the home page. */
export const homeFigureProviders: HomeFigureProvider[] = [
  ...organizationFigures,
  ...memberFigures,
  ...entraideFigures,
  ...timebankFigures,
  ...agendaFigures,
];

/** What concerns a signed-in member, on the home page. */
export const homePersonalProviders: HomePersonalProvider[] = [
  unreadNotificationsForMe,
  answersToMyQuestions,
  myNextRegistrations,
  exchangesWaitingForMe,
  moderationQueueForMe,
];
