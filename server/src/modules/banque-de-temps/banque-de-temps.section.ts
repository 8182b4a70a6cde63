import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import {
  exchangesWaitingForMe,
  timebankFigures,
  timebankNotificationKinds,
  timebankOffersFeed,
  timebankPostContent,
  timebankPrivacy,
  timebankRequestsFeed,
} from './banque-de-temps.commun.js';
import { TimebankAccountResolver, TimebankPoolResolver, TimebankPostResolver, TimebankResolver } from './banque-de-temps.resolver.js';
import { TimebankExchange } from './exchange.entity.js';
import { TimebankAccount, TimebankEntry, TimebankSettings, TimebankTransfer } from './ledger.entity.js';
import { TimebankPost } from './post.entity.js';
import { mountStatementRoutes } from './statement.route.js';
import { TimebankLiveResolver } from './banque-de-temps.live.js';

/** Banque de temps: offers and requests, exchanges, transfers, a double-entry ledger, the solidarity pool. */
export const banqueDeTempsSection = defineSection({
  name: 'banque-de-temps',
  label: say('Banque de temps', 'Time bank'),
  tables: [
    'timebank_settings',
    'timebank_account',
    'timebank_transfer',
    'timebank_entry',
    'timebank_post',
    'timebank_exchange',
    'timebank_transfer_tally',
    'timebank_month_tally',
    'timebank_month_participant',
    'timebank_month_histogram',
    'timebank_member_exchanged',
    'timebank_ledger_tally',
  ],
  entities: [TimebankSettings, TimebankAccount, TimebankTransfer, TimebankEntry, TimebankPost, TimebankExchange],
  resolvers: [TimebankResolver, TimebankAccountResolver, TimebankPoolResolver, TimebankPostResolver, TimebankLiveResolver],
  httpRoutes: [mountStatementRoutes],
  notificationKinds: timebankNotificationKinds,
  moderatedContent: [timebankPostContent],
  home: { feeds: [timebankOffersFeed, timebankRequestsFeed], figures: timebankFigures, personal: [exchangesWaitingForMe] },
  myData: [timebankPrivacy],
  // The ledger is kept whole (every balance and the total stay as they were); posts are closed, exchanges kept as history.
  keptAfterAccountDeletion: [
    'timebank_account.user_id',
    'timebank_transfer.created_by_id',
    'timebank_post.author_id',
    'timebank_exchange.provider_id',
    'timebank_exchange.beneficiary_id',
    'timebank_exchange.proposed_by_id',
  ],
});
