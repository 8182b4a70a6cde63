import { say, type Text } from '../../i18n/lang.js';
import { OrganizationKind } from './organization.entity.js';

/**
 * How the server's sentences name an organization by its kind: "ce lieu", "ce réseau", "cette structure".
 * One rule for every refusal and message about "this" organization, as the web's `org.members.leave` does.
 */
const THIS_ORGANIZATION: Record<OrganizationKind, Text> = {
  [OrganizationKind.LIEU]: say('ce lieu', 'this place'),
  [OrganizationKind.RESEAU]: say('ce réseau', 'this network'),
  [OrganizationKind.STRUCTURE]: say('cette structure', 'this organization'),
};

/** "ce lieu" / "this place", inside a sentence. */
export function thisOrganization(kind: OrganizationKind): Text {
  return THIS_ORGANIZATION[kind] ?? THIS_ORGANIZATION[OrganizationKind.STRUCTURE];
}

/** "Ce lieu" / "This place", at the start of a sentence. */
export function thisOrganizationAtStart(kind: OrganizationKind): Text {
  const { fr, en } = thisOrganization(kind);
  return say(fr[0].toUpperCase() + fr.slice(1), en[0].toUpperCase() + en.slice(1));
}
