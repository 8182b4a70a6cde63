import { say } from '../../i18n/lang.js';
import { DeliveryChannel, type NotificationKind } from '../notifications/notification-kinds.js';

/** What the charter section tells people (registered in server/src/modules/registry.ts). */
export const charteNotificationKinds: NotificationKind[] = [
  { kind: 'charte.new_version', label: say('Une nouvelle version de la charte attend ma signature', 'A new version of the charter awaits my signature'), defaultChannel: DeliveryChannel.EMAIL, mandatory: true },
  { kind: 'charte.amendment_decided', label: say("La décision du comité sur un amendement que j'ai proposé ou soutenu", 'The committee decision on an amendment I proposed or supported'), defaultChannel: DeliveryChannel.EMAIL, mandatory: true },
  { kind: 'charte.amendment_comment', label: say("Un commentaire sur un amendement que j'ai proposé", 'A comment on an amendment I proposed'), defaultChannel: DeliveryChannel.IN_APP },
  { kind: 'charte.amendment_proposed', label: say('Un nouvel amendement à examiner (comité de la charte)', 'A new amendment to review (charter committee)'), defaultChannel: DeliveryChannel.EMAIL },
];
