import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { signedIn } from '$lib/server/user';

const POOL_PAGE = graphql(`
  query TimebankPoolPage($after: String, $search: String!, $withSearch: Boolean!) {
    timebankPool {
      balanceMinutes
      statement(first: 20, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            at
            kind
            amountMinutes
            balanceAfterMinutes
            label
            memo
          }
        }
      }
    }
    timebankSettings {
      floorMinutes
      ceilingMinutes
    }
    timebankRecipients(search: $search) @include(if: $withSearch) {
      id
      displayName
      commune
    }
  }
`);
const GRANT = graphql(`
  mutation GrantFromPool($input: GrantFromPoolInput!) {
    grantFromPool(input: $input) {
      minutes
      receivedMinutes
      replayed
      to {
        displayName
      }
    }
  }
`);
const SETTINGS = graphql(`
  mutation UpdateTimebankSettings($input: UpdateTimebankSettingsInput!) {
    updateTimebankSettings(input: $input) {
      floorMinutes
      ceilingMinutes
    }
  }
`);

/** The solidarity pool, for coordinators (the API answers FORBIDDEN to others, shown as the error page). */
export const load: PageServerLoad = async (event) => {
  const search = event.url.searchParams.get('q')?.trim() ?? '';
  const [data, me] = await Promise.all([
    query(event, POOL_PAGE, { after: event.url.searchParams.get('apres'), search, withSearch: search.length >= 2 }),
    signedIn(event),
  ]);
  return {
    pool: data.timebankPool,
    settings: data.timebankSettings,
    isAdmin: me?.role === 'ADMIN',
    search,
    recipients: data.timebankRecipients ?? null,
    idempotencyKey: randomUUID(),
  };
};

export const actions: Actions = {
  grant: async (event) => {
    const values = formValues(await event.request.formData());
    const [toUserId] = (values.recipient ?? '').split('::');
    if (!toUserId) {
      const message = translate(event.locals.lang, 'banque-de-temps.transfer.chooseRecipient');
      const fields: Record<string, string> = { recipient: message };
      return fail(400, { message, fields, values });
    }
    const result = await mutate(
      event,
      GRANT,
      { input: { toUserId, minutes: Number(values.minutes), reason: values.reason ?? '', idempotencyKey: values.idempotencyKey ?? '' } },
      values,
    );
    if (!result.ok) return result.failure;
    return { granted: result.data.grantFromPool };
  },
  settings: async (event) => {
    const values = formValues(await event.request.formData());
    const hours = (raw: string | undefined) => Math.round(Number((raw ?? '').replace(',', '.').replace('−', '-')) * 60);
    const result = await mutate(
      event,
      SETTINGS,
      { input: { floorMinutes: hours(values.floorHours), ceilingMinutes: hours(values.ceilingHours) } },
      values,
    );
    if (!result.ok) {
      // The API names the fields in minutes; the form asks in hours.
      const failure = result.failure;
      const fields = failure.data.fields;
      failure.data.fields = { floorHours: fields.floorMinutes ?? '', ceilingHours: fields.ceilingMinutes ?? '' };
      return failure;
    }
    return { settingsSaved: true };
  },
};
