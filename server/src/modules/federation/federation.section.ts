import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import { mountFederation } from './federation.http.js';
import { FederationResolver } from './federation.resolver.js';
import { federationContentListener } from './federation.service.js';

/** The agenda on the fediverse: organizations as ActivityPub actors, their events sent to followers (docs/federation.md). */
export const federationSection = defineSection({
  name: 'federation',
  label: say('Fédération', 'Federation'),
  tables: [
    'federation_actor_key',
    'federation_follower',
    'federation_following',
    'federation_remote_event',
    'federation_kv',
    'federation_queue',
  ],
  entities: [],
  resolvers: [FederationResolver],
  httpRoutes: [mountFederation],
  contentListeners: [federationContentListener],
  // It holds nothing about a person: actors are organizations, followers are remote servers' accounts.
  myData: [
    {
      section: 'federation',
      label: say('Fédération', 'Federation'),
      exportData: async () => ({}),
      erase: async () => [],
    },
  ],
});
