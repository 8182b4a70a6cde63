import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { signedIn } from '$lib/server/user';

const COMMITTEE = graphql(`
  query CharterCommitteePage {
    charterSettings {
      signatureRequiredToPublish
    }
    charterAmendments(first: 50, status: OPEN) {
      totalCount
      edges {
        node {
          id
          supportCount
          article {
            number
            title
          }
          author {
            id
            displayName
            hasProfile
          }
        }
      }
    }
  }
`);

const DRAFT = graphql(`
  query CharterDraftPage {
    charterDraft {
      basedOnVersion
      suggestedChangelog
      articles {
        number
        title
        body
      }
      amendments {
        id
        article {
          number
          title
        }
        author {
          id
          displayName
          hasProfile
        }
      }
      diff {
        fromNumber
        toNumber
        changedCount
        articles {
          number
          change
          titleBefore
          titleAfter
          title {
            kind
            text
          }
          body {
            kind
            text
          }
        }
      }
    }
  }
`);

const PUBLISH = graphql(`
  mutation PublishCharterVersionPage($input: PublishCharterVersionInput!) {
    publishCharterVersion(input: $input) {
      id
      number
    }
  }
`);
const SETTINGS = graphql(`
  mutation CharterSettingsPage($input: CharterSettingsInput!) {
    updateCharterSettings(input: $input) {
      signatureRequiredToPublish
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const [data, me] = await Promise.all([query(event, COMMITTEE, {}), signedIn(event)]);
  if (me?.role !== 'ADMIN') error(403, { message: translate(event.locals.lang, 'charte.committeeOnly') });
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
  /** The committee writes the full text itself (the first version, a new article, a rewording). */
  publishText: async (event) => {
    const values = formValues(await event.request.formData());
    const count = Math.min(Number(values.count) || 0, 60);
    const articles: Array<{ number: number; title: string; body: string }> = [];
    const rowOf: number[] = [];
    for (let index = 0; index < count; index++) {
      const title = values[`title-${index}`] ?? '';
      const body = values[`body-${index}`] ?? '';
      // Rows left empty (the "new article" boxes) are not articles.
      if (!title.trim() && !body.trim()) continue;
      rowOf.push(index);
      articles.push({ number: articles.length + 1, title, body });
    }
    const result = await mutate(event, PUBLISH, { input: { changelog: values.changelog ?? '', articles } }, values);
    if (!result.ok) {
      // The API numbers the articles sent; the page numbers its rows (empty ones were skipped).
      const problem = result.failure.data;
      problem.fields = Object.fromEntries(
        Object.entries(problem.fields).map(([key, message]) => [
          key.replace(/^articles\.(\d+)\./, (_, i: string) => `articles.${rowOf[Number(i)] ?? i}.`),
          message,
        ]),
      );
      return result.failure;
    }
    redirect(303, `/charte/versions/${result.data.publishCharterVersion.number}`);
  },
  settings: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const result = await mutate(
      event,
      SETTINGS,
      { input: { signatureRequiredToPublish: data.get('signatureRequiredToPublish') === 'on' } },
      values,
    );
    if (!result.ok) return result.failure;
    return { settingsSaved: true };
  },
};
