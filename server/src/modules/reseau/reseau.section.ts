import { placeCard, placesSitemap } from './organisations.partage.js';
import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import { Membership } from './membership.entity.js';
import { MembershipRequest } from './membership-request.entity.js';
import { MembershipRequestFieldsResolver, MembershipRequestsResolver } from './membership-requests.resolver.js';
import { NetworkMembership } from './network-membership.entity.js';
import { NetworksResolver } from './networks.resolver.js';
import { mountImportRoutes } from './import.http.js';
import { mountOpenData } from './open-data.js';
import { mountTiles } from './tiles.http.js';
import { Organization } from './organization.entity.js';
import { PlaceOpening } from './place-opening.entity.js';
import { PlaceSource } from './place-source.entity.js';
import { PlaceClaim } from './place-claim.entity.js';
import { PlaceRequestsResolver } from './place-requests.resolver.js';
import { PlaceSuggestion } from './place-suggestion.entity.js';
import { newOrganizationsFeed, organizationFigures } from './organisations.home.js';
import { organizationsNotificationKinds } from './organisations.kinds.js';
import { organizationsAuditActions } from './organisations.moderation.js';
import { organizationsPrivacy } from './organisations.privacy.js';
import { OrganizationsResolver } from './organisations.resolver.js';
import { ReseauResolver } from './reseau.resolver.js';

/** Réseau: places and organisations (national standard), their members, networks, import and open data. */
export const reseauSection = defineSection({
  name: 'reseau',
  label: say('Réseau', 'Network'),
  tables: [
    'organization',
    'membership',
    'membership_request',
    'network_membership',
    'place_source',
    'place_claim',
    'place_suggestion',
    'place_opening',
    'organization_tally',
  ],
  views: ['organization_card', 'organization_member'],
  entities: [Organization, Membership, MembershipRequest, NetworkMembership, PlaceSource, PlaceClaim, PlaceSuggestion, PlaceOpening],
  resolvers: [
    OrganizationsResolver,
    NetworksResolver,
    ReseauResolver,
    PlaceRequestsResolver,
    MembershipRequestsResolver,
    MembershipRequestFieldsResolver,
  ],
  httpRoutes: [mountOpenData, mountImportRoutes, mountTiles],
  notificationKinds: organizationsNotificationKinds,
  auditActions: organizationsAuditActions,
  home: { feeds: [newOrganizationsFeed], figures: organizationFigures },
  myData: [organizationsPrivacy],
  sharing: { cards: [placeCard], sitemap: [placesSitemap] },
  // A network's history of who asked and who decided stays, signed "Compte supprimé".
  keptAfterAccountDeletion: ['network_membership.requested_by_id', 'network_membership.decided_by_id'],
});
