import { say } from '../../i18n/lang.js';
import type { ModeratedContentType } from '../moderation/moderated-content.js';

/** An offer or a request of the time bank. */
export const timebankPostContent: ModeratedContentType = {
  type: 'timebank.post', label: say('une offre ou une demande de temps', 'a time offer or request'), table: 'timebank_post', authorColumn: 'author_id',
  excerptSql: `t.title || ' — ' || left(t.description, 280)`, linkSql: `'/banque-de-temps/annonces/' || t.id`,
};
