import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const COMMITTEE = graphql(`
  query CharterCommitteePage {
    me { id role }
    charterSettings { signatureRequiredToPublish }
    charterAmendments(first: 50, status: OPEN) { totalCount edges { node { id supportCount article { number title } author { displayName } } } }
  }
`);

const DRAFT = graphql(`
  query CharterDraftPage {
    charterDraft {
      basedOnVersion suggestedChangelog
      amendments { id article { number title } author { displayName } }
      diff {
        fromNumber toNumber changedCount
        articles { number change titleBefore titleAfter title { kind text } body { kind text } }
      }
    }
  }
`);

const PUBLISH = graphql(`mutation PublishCharterVersionPage($input: PublishCharterVersionInput!) { publishCharterVersion(input: $input) { id number } }`);
const SETTINGS = graphql(`mutation CharterSettingsPage($input: CharterSettingsInput!) { updateCharterSettings(input: $input) { signatureRequiredToPublish } }`);

export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  if (!me) redirect(303, `/connexion?retour=${encodeURIComponent(event.url.pathname)}`);
  const data = await query(event, COMMITTEE, {});
  if (data.me?.role !== 'ADMIN') error(403, { message: translate(event.locals.lang, 'charte.committeeOnly') });
  const { charterDraft } = await query(event, DRAFT, {});
  return { draft: charterDraft, settings: data.charterSettings, open: data.charterAmendments };
};

export const actions: Actions = {
  publish: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, PUBLISH, { input: { changelog: values.changelog ?? '' } }, values);
    if (!result.ok) return result.failure;
    redirect(303, `/charte/versions/${result.data.publishCharterVersion.number}`);
  },
  settings: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const result = await mutate(event, SETTINGS, { input: { signatureRequiredToPublish: data.get('signatureRequiredToPublish') === 'on' } }, values);
    if (!result.ok) return result.failure;
    return { settingsSaved: true };
  },
};
