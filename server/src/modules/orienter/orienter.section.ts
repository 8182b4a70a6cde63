import { say } from '../../i18n/lang.js';
import { defineSection, type SectionJob } from '../commun/section.js';
import { AutodiagnosticResolver } from './autodiagnostic.resolver.js';
import { mountFicheRoutes } from './fiche.http.js';
import { GuidedOrientationResolver } from './guided.resolver.js';
import { Orientation } from './orientation.entity.js';
import { eraseClosedOrientations } from './orientations.service.js';
import { OrientationsResolver } from './orientations.resolver.js';
import { orienterNotificationKinds } from './orienter.kinds.js';
import { orienterPrivacy } from './orienter.privacy.js';
import { SelfCheckResult } from './self-check-result.entity.js';

/** The person's data of an orientation goes 3 months after it closes: checked every day. */
const eraseClosedOrientationsJob: SectionJob = {
  name: 'orienter.erase-closed-orientations',
  everyMs: 24 * 3600 * 1000,
  run: (em) => eraseClosedOrientations(em),
};

/**
 * Orienter: from a person's need to the right place (guided search, fiche d'orientation),
 * orientations between helpers, and the self-check of the five levels of digital autonomy.
 */
export const orienterSection = defineSection({
  name: 'orienter',
  label: say('Orienter', 'Find help'),
  tables: ['orientation', 'self_check_result'],
  entities: [Orientation, SelfCheckResult],
  resolvers: [OrientationsResolver, AutodiagnosticResolver, GuidedOrientationResolver],
  httpRoutes: [mountFicheRoutes],
  notificationKinds: orienterNotificationKinds,
  jobs: [eraseClosedOrientationsJob],
  myData: [orienterPrivacy],
});
