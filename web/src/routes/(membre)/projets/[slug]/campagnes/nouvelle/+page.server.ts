import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import { LEVELS, commaList, lines, parisDayAt, type Level } from '$lib/projets';
import type { Actions, PageServerLoad } from './$types';

const PROJECT = graphql(`
  query CampaignFormProject($slug: String!) {
    project(slug: $slug) {
      id
      slug
      title
      canEdit
    }
  }
`);

const OPEN_CAMPAIGN = graphql(`
  mutation OpenCampaignPage($input: OpenCampaignInput!) {
    openCampaign(input: $input) {
      id
    }
  }
`);

/** How many scenario blocks the form offers (empty ones are ignored). */
const SCENARIO_SLOTS = 3;

export const load: PageServerLoad = async (event) => {
  const data = await query(event, PROJECT, { slug: event.params.slug });
  if (!data.project) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  if (!data.project.canEdit) error(403, { message: translate(event.locals.lang, 'projets.forbidden') });
  return { project: data.project, slots: SCENARIO_SLOTS };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    // Scenario n of the form → its index among the scenarios sent, so the API's "scenarios.i.field" lands on the right block.
    const used: number[] = [];
    const scenarios = [];
    for (let n = 1; n <= SCENARIO_SLOTS; n++) {
      const title = values[`scenario${n}Title`] ?? '';
      const steps = lines(values[`scenario${n}Steps`]);
      const expectedResult = values[`scenario${n}Expected`] ?? '';
      if (!title.trim() && steps.length === 0 && !expectedResult.trim()) continue;
      used.push(n);
      scenarios.push({ title, steps, expectedResult });
    }
    const levels = data
      .getAll('levels')
      .map(String)
      .filter((l): l is Level => (LEVELS as readonly string[]).includes(l));
    const result = await mutate(
      event,
      OPEN_CAMPAIGN,
      {
        input: {
          projectId: values.projectId ?? '',
          title: values.title ?? '',
          goal: values.goal ?? '',
          testerProfile: { levels, publics: commaList(values.publics), devices: commaList(values.devices) },
          seats: Number(values.seats) || 0,
          applicationDeadline: parisDayAt(values.deadline ?? '', 23, 59) ?? '',
          testStartsAt: parisDayAt(values.testStarts ?? '', 0, 0) ?? '',
          testEndsAt: parisDayAt(values.testEnds ?? '', 23, 59) ?? '',
          scenarios,
          questions: lines(values.questions),
        },
      },
      { ...values, levels: levels.join(',') },
    );
    if (!result.ok) {
      // Dates the browser could not give are reported like the API would.
      const failure = result.failure;
      const fields = failure.data.fields as Record<string, string>;
      for (const [name, key] of [
        ['deadline', 'applicationDeadline'],
        ['testStarts', 'testStartsAt'],
        ['testEnds', 'testEndsAt'],
      ] as const) {
        if (fields[key]) fields[name] = fields[key];
      }
      for (const [index, n] of used.entries()) {
        for (const part of ['title', 'steps', 'expectedResult'] as const) {
          const message = fields[`scenarios.${index}.${part}`];
          if (message) fields[`scenario${n}${part === 'title' ? 'Title' : part === 'steps' ? 'Steps' : 'Expected'}`] = message;
        }
      }
      return failure;
    }
    redirect(303, `/projets/campagnes/${result.data.openCampaign.id}`);
  },
};
