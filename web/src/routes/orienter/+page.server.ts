import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import { problemFrom, query } from '$lib/server/forms';
import { STEPS, type Answers, type Step } from '$lib/orienter/steps';
import { signedIn } from '$lib/server/user';
import type { PageServerLoad } from './$types';

const QUESTIONS = graphql(`
  query GuidedOrientationQuestions {
    guidedOrientationQuestions {
      needs {
        key
        label
      }
      days {
        key
        label
      }
      halfDays {
        key
        label
      }
      travel {
        key
        label
      }
      welcome {
        key
        label
      }
    }
  }
`);

const MY_PLACES = graphql(`
  query GuidedOrientationMyPlaces {
    myMemberships {
      organization {
        id
        name
        latitude
        longitude
      }
    }
  }
`);

const GUIDE = graphql(`
  query GuidedOrientation($input: GuidedOrientationInput!) {
    guidedOrientation(input: $input) {
      needKey
      needLabel
      origin
      fallback
      places {
        slug
        name
        adresse
        commune
        distanceKm
        openAtChosenTimes
        comesToThePerson
        reasons
        warnings
      }
      comesToThePerson {
        slug
        name
        adresse
        commune
        distanceKm
        openAtChosenTimes
        comesToThePerson
        reasons
        warnings
      }
    }
  }
`);

/** Which question a field error belongs to. */
const STEP_OF_FIELD: Record<string, Step> = {
  need: 'besoin',
  commune: 'lieu',
  where: 'lieu',
  lat: 'lieu',
  latitude: 'lieu',
  slots: 'quand',
  travel: 'trajet',
  welcome: 'accueil',
};

const number = (value: string | null) => (value && Number.isFinite(Number(value)) ? Number(value) : null);

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const answers: Answers = {
    besoin: params.get('besoin') ?? '',
    ou: params.get('ou') ?? '',
    lat: params.get('lat') ?? '',
    lng: params.get('lng') ?? '',
    depuis: params.get('depuis') ?? '',
    quand: params.getAll('quand'),
    trajet: params.get('trajet') ?? '',
    accueil: params.getAll('accueil'),
  };
  const asked = params.get('etape');
  let step: Step = STEPS.includes(asked as Step) ? (asked as Step) : 'besoin';
  // A step is reached only with the answers before it: a need first, then a place.
  if (step !== 'besoin' && !answers.besoin) step = 'besoin';
  else if (STEPS.indexOf(step) > 1 && !answers.ou && !answers.lat && !answers.depuis) step = 'lieu';

  const [{ guidedOrientationQuestions: questions }, me] = await Promise.all([query(event, QUESTIONS, {}), signedIn(event)]);
  const myPlaces =
    me && step === 'lieu'
      ? ((await api(event).query(MY_PLACES, {}).toPromise()).data?.myMemberships ?? [])
          .map((m) => m.organization)
          .filter((o) => o.latitude != null && o.longitude != null)
      : [];

  let result = null;
  let problem = null;
  if (step === 'resultats') {
    const outcome = await api(event)
      .query(GUIDE, {
        input: {
          need: answers.besoin,
          commune: answers.ou || null,
          latitude: answers.ou ? null : number(answers.lat),
          longitude: answers.ou ? null : number(answers.lng),
          fromOrganizationId: answers.depuis || null,
          slots: answers.quand,
          travel: answers.trajet || null,
          welcome: answers.accueil,
        },
      })
      .toPromise();
    if (outcome.data) result = outcome.data.guidedOrientation;
    else {
      problem = problemFrom(event, outcome.error, {});
      // Back to the question whose answer could not be read, its message next to it.
      const field = Object.keys(problem.fields)[0];
      step = STEP_OF_FIELD[field] ?? 'lieu';
    }
  }
  return { questions, answers, step, result, problem, myPlaces };
};
