import { say } from '../../i18n/lang.js';
import type { ModeratedContentType } from '../moderation/moderated-content.js';

/** An event: its author is the member who published it for the organization. */
export const eventContent: ModeratedContentType = {
  type: 'agenda.event', label: say('un événement', 'an event'), table: 'agenda_event', authorColumn: 'created_by_id',
  excerptSql: `t.title || ' — ' || left(t.description, 280)`, linkSql: `'/agenda/evenements/' || t.id`,
};

/** A session proposed for a barcamp. */
export const barcampSessionContent: ModeratedContentType = {
  type: 'agenda.session', label: say("une proposition d'atelier de barcamp", 'a barcamp session proposal'), table: 'barcamp_session', authorColumn: 'proposer_id',
  excerptSql: `t.title || coalesce(' — ' || left(t.pitch, 280), '')`, linkSql: `'/agenda/evenements/' || t.event_id || '/programme#session-' || t.id`,
};
