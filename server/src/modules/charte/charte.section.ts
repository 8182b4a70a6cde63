import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import { AmendmentCommentResolver, AmendmentResolver } from './amendments.resolver.js';
import { amendmentCommentContent, amendmentContent, charteNotificationKinds, chartePrivacy } from './charte.commun.js';
import { CharterAmendment, CharterAmendmentComment, CharterAmendmentSupport } from './charter-amendment.entity.js';
import { CharterSettings } from './charter-settings.entity.js';
import { CharterSignature } from './charter-signature.entity.js';
import { CharterArticle, CharterVersion } from './charter-version.entity.js';
import { CharterSignaturesResolver } from './signatures.resolver.js';
import { CharterArticleResolver, CharterVersionResolver } from './versions.resolver.js';

/** Charte: versions, signatures, amendments and the committee's decisions. */
export const charteSection = defineSection({
  name: 'charte',
  label: say('Charte', 'Charter'),
  tables: [
    'charter_version',
    'charter_article',
    'charter_signature',
    'charter_amendment',
    'charter_amendment_support',
    'charter_amendment_comment',
    'charter_settings',
  ],
  entities: [
    CharterVersion,
    CharterArticle,
    CharterSignature,
    CharterAmendment,
    CharterAmendmentSupport,
    CharterAmendmentComment,
    CharterSettings,
  ],
  resolvers: [CharterVersionResolver, CharterArticleResolver, CharterSignaturesResolver, AmendmentResolver, AmendmentCommentResolver],
  notificationKinds: charteNotificationKinds,
  moderatedContent: [amendmentContent, amendmentCommentContent],
  myData: [chartePrivacy],
  // Amendments, comments and supports stay in the charter's history; a personal signature is withdrawn (the row says when).
  keptAfterAccountDeletion: [
    'charter_amendment.author_id',
    'charter_amendment_comment.author_id',
    'charter_amendment_support.user_id',
    'charter_signature.signer_id',
  ],
});
