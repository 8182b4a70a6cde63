import { error, fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, safeReturnPath } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const REPORT = graphql(`
  mutation ReportContent($input: ReportContentInput!) {
    reportContent(input: $input) {
      alreadyReported
    }
  }
`);

const REASONS = ['SPAM', 'ABUSE', 'HATE', 'PERSONAL_DATA', 'MISLEADING', 'ILLEGAL', 'OTHER'] as const;
type Reason = (typeof REASONS)[number];

export const load: PageServerLoad = async (event) => {
  const contentType = event.url.searchParams.get('type');
  const contentId = event.url.searchParams.get('id');
  if (!contentType || !contentId) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { contentType, contentId, back: safeReturnPath(event.url.searchParams.get('retour')), reasons: REASONS };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const reason = REASONS.includes(values.reason as Reason) ? (values.reason as Reason) : null;
    if (!reason) {
      const message = translate(event.locals.lang, 'common.formHasErrors');
      const fields: Record<string, string> = { reason: translate(event.locals.lang, 'commun.report.reason') };
      return fail(400, { message, fields, values });
    }
    const result = await mutate(
      event,
      REPORT,
      {
        input: {
          contentType: event.url.searchParams.get('type') ?? '',
          contentId: event.url.searchParams.get('id') ?? '',
          reason,
          details: values.details || null,
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { reported: true, alreadyReported: result.data.reportContent.alreadyReported };
  },
};
