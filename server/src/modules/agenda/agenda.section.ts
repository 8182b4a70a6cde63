import { eventCard, eventsSitemap } from './agenda.partage.js';
import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import {
  agendaFigures,
  agendaNotificationKinds,
  agendaPrivacy,
  barcampSessionContent,
  eventContent,
  myNextRegistrations,
  upcomingEventsFeed,
} from './agenda.commun.js';
import { mountAgendaRoutes } from './agenda.http.js';
import { AgendaResolver, EventCardResolver, EventSeriesResolver, OrganizationAgendaResolver } from './agenda.resolver.js';
import { BarcampRoom, BarcampSlot, SessionInterest, SessionProposal } from './barcamp.entity.js';
import { BarcampResolver } from './barcamp.resolver.js';
import { CalendarToken } from './calendar-token.entity.js';
import { AgendaEvent, EventCoOrganizer, EventSeries } from './event.entity.js';
import { Registration } from './registration.entity.js';
import { EventMessage } from './event-message.entity.js';
import { AgendaLiveResolver } from './agenda.live.js';
import { EventManagementResolver } from './event-management.resolver.js';
import { remindersJob } from './reminders.js';
import { GuestLink } from './guest-link.entity.js';
import { eraseGuestDataJob } from './guest-jobs.js';
import { GuestResolver } from './guest.resolver.js';
import { mountGuestRoutes } from './guest.http.js';

/** Agenda: ateliers, cycles, cafés citoyens, formations and barcamps; registrations and calendars. */
export const agendaSection = defineSection({
  name: 'agenda',
  label: say('Agenda', 'Events'),
  tables: [
    'agenda_event',
    'agenda_event_day_tally',
    'agenda_event_co_organizer',
    'event_series',
    'event_registration',
    'event_guest_link',
    'calendar_token',
    'event_message',
    'barcamp_room',
    'barcamp_slot',
    'barcamp_session',
    'barcamp_session_speaker',
    'barcamp_interest',
  ],
  entities: [
    AgendaEvent,
    EventSeries,
    EventCoOrganizer,
    Registration,
    GuestLink,
    EventMessage,
    BarcampRoom,
    BarcampSlot,
    SessionProposal,
    SessionInterest,
    CalendarToken,
  ],
  resolvers: [
    AgendaResolver,
    EventSeriesResolver,
    EventCardResolver,
    OrganizationAgendaResolver,
    BarcampResolver,
    AgendaLiveResolver,
    GuestResolver,
    EventManagementResolver,
  ],
  httpRoutes: [mountAgendaRoutes, mountGuestRoutes],
  notificationKinds: agendaNotificationKinds,
  moderatedContent: [eventContent, barcampSessionContent],
  home: { feeds: [upcomingEventsFeed], figures: agendaFigures, personal: [myNextRegistrations] },
  myData: [agendaPrivacy],
  jobs: [remindersJob, eraseGuestDataJob],
  sharing: { cards: [eventCard], sitemap: [eventsSitemap] },
  // Past attendance stays on the attendance sheets; events and barcamp sessions proposed stay online, signed "Compte supprimé".
  keptAfterAccountDeletion: [
    'agenda_event.created_by_id',
    'event_registration.user_id',
    'barcamp_session.proposer_id',
    'barcamp_session_speaker.user_id',
    'event_message.author_id',
    'agenda_event_co_organizer.invited_by_id',
    'agenda_event_co_organizer.responded_by_id',
  ],
});
