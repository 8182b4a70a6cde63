import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import { Resource, ResourceBase, ResourceCollection, ResourceFeedback, ResourceVersion } from './resource.entity.js';
import {
  citationListener,
  feedbackContent,
  newResourcesFeed,
  resourceContent,
  ressourcesNotificationKinds,
  ressourcesPrivacy,
} from './ressources.commun.js';
import { mountRessourcesOpenData } from './ressources.http.js';
import { resourceCard, resourcesSitemap } from './ressources.partage.js';
import { ResourceBasesResolver, ResourceCollectionsResolver, ResourcesResolver } from './ressources.resolver.js';

/** Ressources: the network's shared resources (sheets, courses, kits), bases, collections and feedback. */
export const ressourcesSection = defineSection({
  name: 'ressources',
  label: say('Ressources', 'Resources'),
  tables: [
    'resource',
    'resource_base',
    'resource_version',
    'resource_feedback',
    'resource_collection',
    'resource_collection_item',
    'resource_base_follow',
    'resource_citation',
  ],
  entities: [Resource, ResourceBase, ResourceVersion, ResourceFeedback, ResourceCollection],
  resolvers: [ResourcesResolver, ResourceBasesResolver, ResourceCollectionsResolver],
  httpRoutes: [mountRessourcesOpenData],
  notificationKinds: ressourcesNotificationKinds,
  moderatedContent: [resourceContent, feedbackContent],
  home: { feeds: [newResourcesFeed] },
  myData: [ressourcesPrivacy],
  sharing: { cards: [resourceCard], sitemap: [resourcesSitemap] },
  contentListeners: [citationListener],
  // Resources stay online after their creator's account is deleted, signed "Compte supprimé".
  keptAfterAccountDeletion: ['resource.created_by_id'],
});
