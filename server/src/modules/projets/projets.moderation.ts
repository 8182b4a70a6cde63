import { say } from '../../i18n/lang.js';
import type { ModeratedContentType } from '../moderation/moderated-content.js';

export const projectContent: ModeratedContentType = {
  type: 'projets.project', label: say('un projet', 'a project'), table: 'project', authorColumn: 'created_by_id',
  excerptSql: `t.title || ' — ' || left(t.summary, 280)`, linkSql: `'/projets/' || t.slug`,
};

export const campaignContent: ModeratedContentType = {
  type: 'projets.campaign', label: say('une campagne de test', 'a test campaign'), table: 'campaign', authorColumn: 'created_by_id',
  excerptSql: `t.title || ' — ' || left(t.goal, 280)`, linkSql: `'/projets/campagnes/' || t.id`,
};
