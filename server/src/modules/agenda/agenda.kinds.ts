import { say } from '../../i18n/lang.js';
import { DeliveryChannel, type NotificationKind } from '../notifications/notification-kinds.js';

/** What the agenda tells people (registered in server/src/modules/registry.ts). */
export const agendaNotificationKinds: NotificationKind[] = [
  { kind: 'agenda.promoted', label: say("Une place s'est libérée : mon inscription en liste d'attente est confirmée", 'A seat became free: my waitlisted registration is confirmed'), defaultChannel: DeliveryChannel.EMAIL, mandatory: true },
  { kind: 'agenda.changed', label: say("Un événement où je suis inscrit·e change de date, de lieu ou est annulé", 'An event I registered to changes date or place, or is cancelled'), defaultChannel: DeliveryChannel.EMAIL, mandatory: true },
];
