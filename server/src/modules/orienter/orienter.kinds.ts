import { say } from '../../i18n/lang.js';
import { DeliveryChannel, type NotificationKind } from '../commun/notifications/notification-kinds.js';

/** What orienter tells people (declared in orienter.section.ts). */
export const orienterNotificationKinds: NotificationKind[] = [
  {
    kind: 'orienter.orientation_received',
    label: say('Un aidant oriente une personne vers un lieu dont je fais partie', 'A helper refers someone to a place I belong to'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'orienter.orientation_answered',
    label: say('Le lieu répond à une orientation que j’ai envoyée', 'The place answers an orientation I sent'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
];
