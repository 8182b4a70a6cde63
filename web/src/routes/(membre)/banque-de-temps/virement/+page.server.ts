import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const TRANSFER_PAGE = graphql(`
  query TimebankTransferPage($search: String!, $withSearch: Boolean!) {
    myAccount {
      balanceMinutes
      availableMinutes
    }
    timebankRecipients(search: $search) @include(if: $withSearch) {
      id
      displayName
      commune
    }
  }
`);
const TRANSFER = graphql(`
  mutation TransferTime($input: TransferTimeInput!) {
    transferTime(input: $input) {
      transferId
      minutes
      receivedMinutes
      toPoolMinutes
      replayed
      payerBalanceMinutes
      to {
        displayName
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const search = event.url.searchParams.get('q')?.trim() ?? '';
  const data = await query(event, TRANSFER_PAGE, { search, withSearch: search.length >= 2 });
  // One key per intended transfer: kept through "check" and "confirm", so a double click or a retry posts once.
  return { account: data.myAccount, search, recipients: data.timebankRecipients ?? null, idempotencyKey: randomUUID() };
};

function parseRecipient(value: string | undefined): { id: string; name: string } | null {
  const [id, ...name] = (value ?? '').split('::');
  return id ? { id, name: name.join('::') } : null;
}

export const actions: Actions = {
  /** First step: show what will happen, nothing moves yet. */
  check: async (event) => {
    const values = formValues(await event.request.formData());
    const recipient = parseRecipient(values.recipient);
    const fields: Record<string, string> = {};
    if (!recipient) fields.recipient = translate(event.locals.lang, 'banque-de-temps.transfer.chooseRecipient');
    if (!(values.memo ?? '').trim()) fields.memo = translate(event.locals.lang, 'banque-de-temps.transfer.memoMissing');
    if (Object.keys(fields).length) return fail(400, { message: Object.values(fields)[0], fields, values });
    return {
      confirm: { recipient: recipient!, minutes: Number(values.minutes), memo: values.memo.trim(), key: values.idempotencyKey },
      values,
    };
  },
  /** Second step: the transfer itself. */
  confirm: async (event) => {
    const values = formValues(await event.request.formData());
    const recipient = parseRecipient(values.recipient);
    const result = await mutate(
      event,
      TRANSFER,
      {
        input: {
          toUserId: recipient?.id ?? '',
          minutes: Number(values.minutes),
          memo: values.memo ?? '',
          idempotencyKey: values.idempotencyKey ?? '',
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { receipt: result.data.transferTime };
  },
};
