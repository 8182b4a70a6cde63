import { error, fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const EXCHANGE = graphql(`
  query TimebankExchangePage($id: ID!) {
    exchange(id: $id) {
      id
      status
      minutes
      spentMinutes
      message
      createdAt
      acceptedAt
      doneAt
      confirmedAt
      cancelledAt
      disputedAt
      disputeReason
      myRole
      post {
        id
        kind
        title
      }
      provider {
        id
        displayName
        hasProfile
      }
      beneficiary {
        id
        displayName
        hasProfile
      }
      proposedBy {
        id
        displayName
      }
      actions {
        accept
        complete
        confirm
        cancel
        flag
      }
    }
  }
`);
const ACCEPT = graphql(`
  mutation AcceptExchange($input: ExchangeStepInput!) {
    acceptExchange(input: $input) {
      id
      status
    }
  }
`);
const COMPLETE = graphql(`
  mutation CompleteExchange($input: CompleteExchangeInput!) {
    completeExchange(input: $input) {
      id
      status
    }
  }
`);
const CONFIRM = graphql(`
  mutation ConfirmExchange($input: ExchangeStepInput!) {
    confirmExchange(input: $input) {
      id
      status
    }
  }
`);
const CANCEL = graphql(`
  mutation CancelExchange($input: CancelExchangeInput!) {
    cancelExchange(input: $input) {
      id
      status
    }
  }
`);
const FLAG = graphql(`
  mutation FlagExchangeDispute($input: FlagExchangeInput!) {
    flagExchangeDispute(input: $input) {
      id
      disputedAt
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, EXCHANGE, { id: event.params.id });
  if (!data.exchange) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { exchange: data.exchange };
};

/** Each step is one small form: it works without JavaScript, and the page reloads with the new state. */
export const actions: Actions = {
  accept: async (event) => {
    const result = await mutate(event, ACCEPT, { input: { exchangeId: event.params.id } });
    return result.ok ? { step: 'accepted' } : result.failure;
  },
  complete: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, COMPLETE, { input: { exchangeId: event.params.id, minutes: Number(values.minutes) } }, values);
    return result.ok ? { step: 'done' } : result.failure;
  },
  confirm: async (event) => {
    const result = await mutate(event, CONFIRM, { input: { exchangeId: event.params.id } });
    // Said beside the confirm button (a balance too low for the transfer): the page's top is a screen above it on a phone.
    return result.ok ? { step: 'confirmed' } : fail(result.failure.status, { ...result.failure.data, failedStep: 'confirm' as const });
  },
  cancel: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, CANCEL, { input: { exchangeId: event.params.id, reason: values.reason || null } }, values);
    return result.ok ? { step: 'cancelled' } : result.failure;
  },
  flag: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, FLAG, { input: { exchangeId: event.params.id, reason: values.reason ?? '' } }, values);
    return result.ok ? { step: 'flagged' } : result.failure;
  },
};
