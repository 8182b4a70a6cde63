import { say } from '../../i18n/lang.js';
import { DeliveryChannel, type NotificationKind } from '../notifications/notification-kinds.js';

/** What the entraide section tells people (registered in server/src/modules/registry.ts). */
export const entraideNotificationKinds: NotificationKind[] = [
  { kind: 'entraide.answer', label: say('Une réponse à une question que je suis (dont les miennes)', 'An answer to a question I follow (mine included)'), defaultChannel: DeliveryChannel.EMAIL },
  { kind: 'entraide.accepted', label: say('Une de mes réponses a été acceptée', 'One of my answers was accepted'), defaultChannel: DeliveryChannel.IN_APP },
  { kind: 'entraide.question', label: say('Une nouvelle question sur un thème que je suis', 'A new question on a topic I follow'), defaultChannel: DeliveryChannel.DIGEST },
  { kind: 'entraide.duplicate', label: say('Une question que je suis a été fermée comme doublon', 'A question I follow was closed as a duplicate'), defaultChannel: DeliveryChannel.IN_APP },
];
