import { fail, type RequestEvent } from '@sveltejs/kit';
import { graphql, type ResultOf } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { api } from '$lib/server/api';
import { mutate, query } from '$lib/server/forms';
import { forMember } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const SELF_CHECK = graphql(`
  query OrienterSelfCheck {
    selfCheck {
      source
      questions {
        index
        domainLabel
        text
        answers {
          index
          label
        }
      }
    }
  }
`);

const RESULT = graphql(`
  query OrienterSelfCheckResult($input: SelfCheckAnswersInput!) {
    selfCheckResult(input: $input) {
      domain
      domainLabel
      level
      levelLabel
      description
    }
  }
`);

const EVENTS = graphql(`
  query OrienterSelfCheckEvents($level: DigitalLevel!, $departement: String) {
    events(first: 3, level: $level, departement: $departement) {
      edges {
        node {
          id
          title
          startsAt
          timeZone
          commune
          online
        }
      }
    }
  }
`);

const KEEP = graphql(`
  mutation OrienterKeepSelfCheck($input: SelfCheckAnswersInput!) {
    keepSelfCheckResult(input: $input) {
      id
    }
  }
`);

type Levels = ResultOf<typeof RESULT>['selfCheckResult'];
type EventNode = ResultOf<typeof EVENTS>['events']['edges'][number]['node'];

const MINE = graphql(`
  query OrienterMySelfChecks {
    mySelfCheckResults {
      id
      createdAt
      levels {
        domain
        domainLabel
        levelLabel
      }
    }
  }
`);

const ERASE = graphql(`
  mutation OrienterEraseSelfCheck($id: ID!) {
    eraseSelfCheckResult(id: $id)
  }
`);

export const load: PageServerLoad = async (event) => {
  // The results a signed-in person kept, to see and erase them here, asked beside the questionnaire.
  const [data, mine] = await Promise.all([
    query(event, SELF_CHECK, {}),
    forMember(event, async () => (await query(event, MINE, {})).mySelfCheckResults, []),
  ]);
  return { selfCheck: data.selfCheck, mine };
};

/** The answers so far, from the hidden field every step carries ("2,0,3"): nothing is kept on the server. */
function answersFrom(data: FormData): number[] {
  const raw = String(data.get('reponses') ?? '');
  return raw
    .split(',')
    .filter((part) => /^\d{1,2}$/.test(part))
    .map(Number)
    .slice(0, 50);
}

function departementFrom(data: FormData): string | null {
  const typed = String(data.get('departement') ?? '')
    .trim()
    .toUpperCase();
  return /^(\d{2,3}|2A|2B)$/.test(typed) ? typed : null;
}

/** The level per domain, and a few events of the agenda at each level found (near the person when they say where). */
async function result(event: RequestEvent, answers: number[], departement: string | null) {
  const outcome = await api(event).query(RESULT, { input: { answers } }).toPromise();
  if (outcome.error || !outcome.data) return null;
  const levels: Levels = outcome.data.selfCheckResult;
  const distinct = [...new Set(levels.map((entry) => entry.level))];
  const found = await Promise.all(
    distinct.map(async (level) => {
      const events = await api(event).query(EVENTS, { level, departement }).toPromise();
      return { level, events: (events.data?.events.edges ?? []).map((edge) => edge.node) as EventNode[] };
    }),
  );
  return { levels, suggestions: found, departement };
}

export const actions: Actions = {
  /** One question answered: the next one, or the result after the last. */
  repondre: async (event) => {
    const data = await event.request.formData();
    const answers = answersFrom(data);
    const total = Number(data.get('total') ?? 0);
    const chosen = String(data.get('reponse') ?? '');
    if (!/^\d{1,2}$/.test(chosen)) {
      return fail(400, { answers, message: translate(event.locals.lang, 'orienter.selfCheck.chooseOne') });
    }
    answers.push(Number(chosen));
    if (answers.length < total) return { answers };
    const found = await result(event, answers, null);
    if (!found) return fail(400, { answers: [], message: translate(event.locals.lang, 'orienter.selfCheck.again') });
    return { answers, ...found };
  },
  /** Back one question. */
  precedent: async (event) => {
    const answers = answersFrom(await event.request.formData());
    return { answers: answers.slice(0, -1) };
  },
  /** The result again, with events near a département. */
  pres: async (event) => {
    const data = await event.request.formData();
    const answers = answersFrom(data);
    const found = await result(event, answers, departementFrom(data));
    if (!found) return fail(400, { answers: [], message: translate(event.locals.lang, 'orienter.selfCheck.again') });
    return { answers, ...found };
  },
  /** Erases one kept result. */
  effacer: async (event) => {
    const id = String((await event.request.formData()).get('id') ?? '');
    const erased = await mutate(event, ERASE, { id });
    if (!erased.ok) return fail(erased.failure.status, { answers: [], message: erased.failure.data.message });
    return { answers: [], erased: true };
  },
  /** "Garder mon résultat": only for a signed-in person who asks. */
  garder: async (event) => {
    const data = await event.request.formData();
    const answers = answersFrom(data);
    const found = await result(event, answers, departementFrom(data));
    const kept = await mutate(event, KEEP, { input: { answers } });
    if (!kept.ok) return fail(kept.failure.status, { answers, ...found, message: kept.failure.data.message });
    return { answers, ...found, kept: true };
  },
};
