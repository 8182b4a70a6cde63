import { say } from '../../i18n/lang.js';
import { DeliveryChannel, type NotificationKind } from '../notifications/notification-kinds.js';

/** What the projets section tells people (registered in server/src/modules/registry.ts). */
export const projetsNotificationKinds: NotificationKind[] = [
  { kind: 'projets.application', label: say('Une candidature pour tester un de mes projets', 'An application to test one of my projects'), defaultChannel: DeliveryChannel.EMAIL },
  { kind: 'projets.decision', label: say('La réponse à ma candidature de testeur·se', 'The answer to my tester application'), defaultChannel: DeliveryChannel.EMAIL, mandatory: true },
  { kind: 'projets.results', label: say("Les résultats d'une campagne que j'ai testée sont publiés", 'The results of a campaign I tested are published'), defaultChannel: DeliveryChannel.IN_APP },
];
