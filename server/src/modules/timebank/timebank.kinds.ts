import { say } from '../../i18n/lang.js';
import { DeliveryChannel, type NotificationKind } from '../notifications/notification-kinds.js';

/** What the time bank tells people (registered in server/src/modules/registry.ts). */
export const timebankNotificationKinds: NotificationKind[] = [
  { kind: 'timebank.exchange.proposed', label: say("Quelqu'un me propose un échange de temps", 'Someone proposes a time exchange to me'), defaultChannel: DeliveryChannel.EMAIL },
  { kind: 'timebank.exchange.accepted', label: say("Un échange que j'ai proposé est accepté", 'An exchange I proposed is accepted'), defaultChannel: DeliveryChannel.EMAIL },
  { kind: 'timebank.exchange.done', label: say('Un échange est déclaré fait : à moi de confirmer le temps', 'An exchange is marked done: my turn to confirm the time'), defaultChannel: DeliveryChannel.EMAIL, mandatory: true },
  { kind: 'timebank.exchange.confirmed', label: say('Un échange est confirmé et mon compte crédité', 'An exchange is confirmed and my account credited'), defaultChannel: DeliveryChannel.IN_APP, mandatory: true },
  { kind: 'timebank.exchange.cancelled', label: say('Un échange est annulé', 'An exchange is cancelled'), defaultChannel: DeliveryChannel.EMAIL, mandatory: true },
  { kind: 'timebank.exchange.disputed', label: say('Un échange est signalé comme litigieux', 'An exchange is flagged as disputed'), defaultChannel: DeliveryChannel.EMAIL, mandatory: true },
  { kind: 'timebank.transfer', label: say("Quelqu'un me donne du temps", 'Someone gives me time'), defaultChannel: DeliveryChannel.IN_APP, mandatory: true },
  { kind: 'timebank.grant', label: say('Le fonds commun m’attribue du temps', 'The solidarity pool grants me time'), defaultChannel: DeliveryChannel.IN_APP, mandatory: true },
];
