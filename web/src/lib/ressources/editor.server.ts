import type { RequestEvent } from '@sveltejs/kit';
import { apiFetch } from '$lib/server/api';
import { formValues } from '$lib/server/forms';
import { KIND_VALUES, LICENCE_VALUES, VISIBILITY_VALUES, oneOf } from './format';

/**
 * The editor's form (ResourceForm.svelte) as the API's `ResourceInput`. Files the browser could not send
 * itself (no JavaScript) come in `nouveauxFichiers`: they are sent to `POST /api/fichiers` here first.
 */
export async function readResourceForm(event: RequestEvent) {
  const data = await event.request.formData();
  const values = formValues(data);
  const strings = (name: string) =>
    data
      .getAll(name)
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim())
      .filter(Boolean);
  const lists = {
    themes: strings('themes'),
    publics: strings('publics'),
    levels: strings('levels'),
    authorOrganizationIds: strings('authorOrganizationIds'),
  };

  const fileIds = strings('fileIds');
  let uploadError = '';
  for (const file of data.getAll('nouveauxFichiers')) {
    if (typeof file === 'string' || file.size === 0) continue;
    const body = new FormData();
    body.append('purpose', 'attachment'); // before the file: the endpoint reads it first
    body.append('file', file, file.name);
    const response = await apiFetch(event, '/api/fichiers', {
      method: 'POST',
      body,
      headers: { accept: 'application/json', origin: event.url.origin },
    }).catch(() => null);
    const answer = (await response?.json().catch(() => null)) as { id?: string; error?: string; message?: string } | null;
    if (response?.ok && answer?.id) fileIds.push(answer.id);
    else uploadError = `${file.name} : ${answer?.error ?? answer?.message ?? response?.statusText ?? ''}`;
  }

  const links = (values.links ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [url, ...title] = line.split(/\s+/);
      return { url, title: title.join(' ') || null };
    });

  const input = {
    title: values.title ?? '',
    summary: values.summary ?? '',
    contentMarkdown: values.contentMarkdown ?? '',
    kind: oneOf(KIND_VALUES, values.kind) ?? 'AUTRE',
    licence: oneOf(LICENCE_VALUES, values.licence) ?? 'CC_BY_SA',
    visibility: oneOf(VISIBILITY_VALUES, values.visibility) ?? 'PUBLIC',
    themes: lists.themes,
    publics: lists.publics,
    levels: lists.levels.map(Number).filter((n) => Number.isInteger(n)),
    tags: (values.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    baseId: values.baseId || null,
    // Co-authors chosen in the member picker are added to those already credited (the API keeps them).
    coAuthorIds: strings('coAuthorIds'),
    // The form always has the organizations' checkboxes (values.authorOrganizationsShown): none ticked = none.
    authorOrganizationIds: values.authorOrganizationsShown === '1' ? lists.authorOrganizationIds : null,
    fileIds,
    links,
  };
  return { input, values, lists, uploadError, versionNote: values.versionNote?.trim() ?? '' };
}
