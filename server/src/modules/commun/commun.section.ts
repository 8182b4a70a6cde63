import { say } from '../../i18n/lang.js';
import { mountHomeFeeds } from './accueil/accueil.feeds.js';
import { HomeItemResolver, HomeResolver } from './accueil/accueil.resolver.js';
import { SiteResolver } from './accueil/site.resolver.js';
import { mountPrivacyRoutes } from './mes-donnees/mes-donnees.routes.js';
import { PrivacyResolver } from './mes-donnees/mes-donnees.resolver.js';
import { AuditLogEntry } from './moderation/audit-log.entity.js';
import { moderationQueueForMe } from './moderation/moderation.home.js';
import { moderationNotificationKinds } from './moderation/moderation-kinds.js';
import { moderationPrivacy } from './moderation/moderation.privacy.js';
import { ModerationResolver } from './moderation/moderation.resolver.js';
import { Report } from './moderation/report.entity.js';
import { AccountSanction } from './moderation/sanction.entity.js';
import { EmailOutbox } from './notifications/email-outbox.entity.js';
import { NotificationPreference } from './notifications/notification-preference.entity.js';
import { Notification } from './notifications/notification.entity.js';
import { unreadNotificationsForMe } from './notifications/notifications.home.js';
import { notificationsPrivacy } from './notifications/notifications.privacy.js';
import { NotificationsResolver } from './notifications/notifications.resolver.js';
import { mountSharingRoutes } from './partage/partage.routes.js';
import { defineSection } from './section.js';
import { NotificationsLiveResolver } from './notifications/notifications.live.js';

/** Commun: what ties the sections together — the home page, notifications, moderation, "mes données". */
export const communSection = defineSection({
  name: 'commun',
  label: say('Commun', 'Commons'),
  tables: ['notification', 'notification_preference', 'email_outbox', 'report', 'account_sanction', 'audit_log'],
  entities: [Notification, NotificationPreference, EmailOutbox, Report, AccountSanction, AuditLogEntry],
  resolvers: [
    NotificationsResolver,
    NotificationsLiveResolver,
    ModerationResolver,
    PrivacyResolver,
    HomeResolver,
    HomeItemResolver,
    SiteResolver,
  ],
  httpRoutes: [mountSharingRoutes, mountPrivacyRoutes, mountHomeFeeds],
  notificationKinds: moderationNotificationKinds,
  home: { personal: [unreadNotificationsForMe, moderationQueueForMe] },
  myData: [notificationsPrivacy, moderationPrivacy],
  // The audit log is append-only (a trigger refuses changes); reports made stay in the moderators' history.
  keptAfterAccountDeletion: ['audit_log.actor_id', 'audit_log.target_user_id', 'report.reporter_id'],
});
