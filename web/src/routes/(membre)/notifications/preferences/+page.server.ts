import { graphql } from '$lib/graphql';
import { mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PREFERENCES = graphql(`
  query NotificationPreferencesPage {
    notificationPreferences {
      kind
      label
      channel
      mandatory
    }
  }
`);
const SET_PREFERENCE = graphql(`
  mutation SetNotificationPreference($input: SetNotificationPreferenceInput!) {
    setNotificationPreference(input: $input) {
      kind
      channel
    }
  }
`);

const CHANNELS = ['IN_APP', 'EMAIL', 'DIGEST', 'OFF'] as const;
type Channel = (typeof CHANNELS)[number];

export const load: PageServerLoad = async (event) => {
  const data = await query(event, PREFERENCES, {});
  return { preferences: data.notificationPreferences };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const current = await query(event, PREFERENCES, {});
    // Only what changed is sent, one choice per kind.
    for (const preference of current.notificationPreferences) {
      const chosen = form.get(preference.kind);
      if (typeof chosen !== 'string' || !CHANNELS.includes(chosen as Channel) || chosen === preference.channel) continue;
      const result = await mutate(event, SET_PREFERENCE, { input: { kind: preference.kind, channel: chosen as Channel } });
      if (!result.ok) return result.failure;
    }
    return { saved: true };
  },
};
