import { say } from '../../i18n/lang.js';
import { DeliveryChannel, type NotificationKind } from '../commun/notifications/notification-kinds.js';

/** What the réseau section tells people (declared in reseau.section.ts). */
export const organizationsNotificationKinds: NotificationKind[] = [
  {
    kind: 'reseau.member_added',
    label: say('On m’a ajouté·e à une organisation', 'I was added to an organization'),
    defaultChannel: DeliveryChannel.EMAIL,
    mandatory: true,
  },
  {
    kind: 'reseau.member_joined',
    label: say(
      'Quelqu’un rejoint une structure que j’administre (ProConnect, même SIRET)',
      'Someone joins an organization I manage (ProConnect, same SIRET)',
    ),
    defaultChannel: DeliveryChannel.IN_APP,
  },
  {
    kind: 'reseau.membership_request',
    label: say(
      'Quelqu’un demande à rejoindre un lieu ou une structure que j’administre',
      'Someone asks to join a place or an organization I manage',
    ),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'reseau.membership_decision',
    label: say(
      'La réponse à ma demande pour rejoindre un lieu ou une structure',
      'The answer to my request to join a place or an organization',
    ),
    defaultChannel: DeliveryChannel.EMAIL,
    mandatory: true,
  },
  {
    kind: 'reseau.join_request',
    label: say('Une structure demande à rejoindre un réseau que j’administre', 'An organization asks to join a network I manage'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'reseau.join_decision',
    label: say('La réponse d’un réseau à la demande d’adhésion de ma structure', "A network's answer to my organization's request to join"),
    defaultChannel: DeliveryChannel.EMAIL,
    mandatory: true,
  },
  {
    kind: 'reseau.claim_request',
    label: say('Quelqu’un demande à gérer un lieu pour lequel je décide', 'Someone asks to manage a place I decide for'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'reseau.claim_decision',
    label: say('La réponse à ma demande de gérer un lieu', 'The answer to my request to manage a place'),
    defaultChannel: DeliveryChannel.EMAIL,
    mandatory: true,
  },
  {
    kind: 'reseau.suggestion',
    label: say('Quelqu’un signale une erreur sur un lieu pour lequel je décide', 'Someone reports an error on a place I decide for'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'reseau.suggestion_decision',
    label: say('La réponse à une erreur que j’ai signalée sur un lieu', 'The answer to an error I reported on a place'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
];
