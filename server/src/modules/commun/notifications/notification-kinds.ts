import { registerEnumType } from 'type-graphql';
import type { Text } from '../../../i18n/lang.js';

/** How a person wants to hear about one kind of event. */
export enum DeliveryChannel {
  /** Only in the notifications list of the site. */
  IN_APP = 'in_app',
  /** In the site and by e-mail, right away. */
  EMAIL = 'email',
  /** In the site, and gathered into one e-mail a week (Monday morning). */
  DIGEST = 'digest',
  /** Not at all. */
  OFF = 'off',
}
registerEnumType(DeliveryChannel, { name: 'DeliveryChannel' });

/**
 * A kind of notification a section sends (`notify(em, ids, { kind, … })`), declared in the
 * section's `<module>.section.ts` so members can choose how they hear about it.
 * Kinds sent but not registered are delivered in the site only, and cannot be chosen.
 */
export interface NotificationKind {
  /** "<section>.<event>", e.g. "entraide.answer". */
  kind: string;
  /** What the member reads on their preferences page: "Une réponse à l'une de mes questions". */
  label: Text;
  defaultChannel: DeliveryChannel;
  /** Decisions a person must hear about (e.g. a moderation decision): cannot be turned off. */
  mandatory?: boolean;
}

export const UNREGISTERED_KIND_CHANNEL = DeliveryChannel.IN_APP;
