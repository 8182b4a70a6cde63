import { say } from '../../../i18n/lang.js';
import { DeliveryChannel, type NotificationKind } from '../notifications/notification-kinds.js';

/** What moderation tells people (declared in commun.section.ts). */
export const moderationNotificationKinds: NotificationKind[] = [
  {
    kind: 'moderation.hidden',
    label: say('Un de mes contenus a été masqué par la modération (et pourquoi)', 'One of my contents was hidden by moderation (and why)'),
    defaultChannel: DeliveryChannel.EMAIL,
    mandatory: true,
  },
  {
    kind: 'moderation.restored',
    label: say('Un de mes contenus a été rétabli', 'One of my contents was restored'),
    defaultChannel: DeliveryChannel.EMAIL,
    mandatory: true,
  },
  {
    kind: 'moderation.warning',
    label: say('Un avertissement de la modération', 'A warning from moderation'),
    defaultChannel: DeliveryChannel.EMAIL,
    mandatory: true,
  },
  {
    kind: 'moderation.suspended',
    label: say('La suspension ou le rétablissement de mon compte', 'My account being suspended or restored'),
    defaultChannel: DeliveryChannel.EMAIL,
    mandatory: true,
  },
  {
    kind: 'moderation.report_handled',
    label: say('Le suivi d’un signalement que j’ai fait', 'The outcome of a report I made'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
  {
    kind: 'moderation.report',
    label: say('Un nouveau signalement à traiter (modération)', 'A new report to handle (moderators)'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
];
