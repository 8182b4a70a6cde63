/**
 * Where each section plugs into what ties Maillage together (the "commun"): one line per entry.
 * See docs/commun.md for what each entry is and how to write one.
 */
import { newMembersFeed, memberFigures } from './comptes/comptes.home.js';
import { profileContent } from './comptes/comptes.moderation.js';
import { accountsPrivacy } from './comptes/comptes.privacy.js';
import type { HomeFeedProvider, HomeFigureProvider, HomePersonalProvider } from './commun/accueil/accueil-provider.js';
import { checkContentType, type ModeratedContentType } from './commun/moderation/moderated-content.js';
import { moderationQueueForMe } from './commun/moderation/moderation.home.js';
import { moderationNotificationKinds } from './commun/moderation/moderation-kinds.js';
import { moderationPrivacy } from './commun/moderation/moderation.privacy.js';
import type { NotificationKind } from './commun/notifications/notification-kinds.js';
import { unreadNotificationsForMe } from './commun/notifications/notifications.home.js';
import { notificationsPrivacy } from './commun/notifications/notifications.privacy.js';
import { newOrganizationsFeed, organizationFigures } from './reseau/organisations.home.js';
import { organizationsNotificationKinds } from './reseau/organisations.kinds.js';
import { organizationsPrivacy } from './reseau/organisations.privacy.js';
import type { PrivacyProvider } from './commun/mes-donnees/mes-donnees-provider.js';
import { agendaFigures, agendaNotificationKinds, agendaPrivacy, barcampSessionContent, eventContent, myNextRegistrations, upcomingEventsFeed } from './agenda/agenda.commun.js';
import { amendmentCommentContent, amendmentContent, charteNotificationKinds, chartePrivacy } from './charte/charte.commun.js';
import { answerContent, answersToMyQuestions, entraideFigures, entraideNotificationKinds, entraidePrivacy, latestQuestionsFeed, questionContent } from './entraide/entraide.commun.js';
import { campaignContent, campaignsSeekingTestersFeed, projectContent, projetsNotificationKinds, projetsPrivacy } from './projets/projets.commun.js';
import {
  exchangesWaitingForMe, timebankFigures, timebankNotificationKinds, timebankOffersFeed, timebankPostContent, timebankPrivacy, timebankRequestsFeed,
} from './banque-de-temps/banque-de-temps.commun.js';

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
