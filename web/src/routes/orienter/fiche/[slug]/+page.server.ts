import { graphql } from '$lib/graphql';
import { formValues, mutate, query, safeReturnPath } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const FICHE = graphql(`
  query OrientationFichePage($slug: String!, $need: String, $helperName: String) {
    orientationFiche(slug: $slug, need: $need, helperName: $helperName) {
      slug
      name
      address
      accessHint
      directionsUrl
      telephone
      appointmentUrl
      needLabel
      toBring
      helperName
      smsText
      hours {
        day
        hours
      }
    }
  }
`);

const SEND = graphql(`
  mutation SendOrientationFiche($input: SendOrientationFicheInput!) {
    sendOrientationFiche(input: $input)
  }
`);

const bounded = (value: string | null, max: number) => (value && value.length <= max ? value : null);

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const need = bounded(params.get('besoin'), 40);
  const helperName = bounded(params.get('accompagnant')?.trim() ?? null, 80);
  const { orientationFiche } = await query(event, FICHE, { slug: event.params.slug, need, helperName });
  const back = params.get('retour');
  return {
    fiche: orientationFiche,
    need,
    helperName,
    back: back ? safeReturnPath(back, '/orienter') : null,
  };
};

export const actions: Actions = {
  envoyer: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const result = await mutate(
      event,
      SEND,
      {
        input: {
          slug: event.params.slug,
          need: values.besoin || null,
          helperName: values.accompagnant || null,
          email: values.email ?? '',
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { sent: true };
  },
};
