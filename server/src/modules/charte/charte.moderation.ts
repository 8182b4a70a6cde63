import { say } from '../../i18n/lang.js';
import type { ModeratedContentType } from '../moderation/moderated-content.js';

export const amendmentContent: ModeratedContentType = {
  type: 'charte.amendment', label: say('un amendement à la charte', 'an amendment to the charter'), table: 'charter_amendment', authorColumn: 'author_id',
  excerptSql: `coalesce(t.proposed_title || ' — ', '') || left(t.reason, 280)`, linkSql: `'/charte/amendements/' || t.id`,
};

export const amendmentCommentContent: ModeratedContentType = {
  type: 'charte.amendment_comment', label: say("un commentaire d'amendement", 'a comment on an amendment'), table: 'charter_amendment_comment', authorColumn: 'author_id',
  excerptSql: `left(t.body, 280)`, linkSql: `'/charte/amendements/' || t.amendment_id || '#discussion'`,
};
