import { say } from '../../i18n/lang.js';
import type { ModeratedContentType } from '../commun/moderation/moderated-content.js';

/** A member's presentation (bio) can be reported and hidden; the rest of the profile stays. */
export const profileContent: ModeratedContentType = {
  type: 'profile',
  label: say('la présentation d’un profil', "a profile's presentation"),
  table: 'app_user',
  authorColumn: 'id',
  excerptSql: `t.display_name || coalesce(' — ' || left(t.bio, 280), '')`,
  linkSql: `'/membres/' || t.id`,
  hiddenAtColumn: 'bio_hidden_at',
  hiddenReasonColumn: 'bio_hidden_reason',
};
