import type { RequestEvent } from '@sveltejs/kit';
import type { FilePurpose } from '$lib/fichiers/types';
import { apiFetch } from './api';

/**
 * The file id a form sends for a FileUpload field `name` (docs/fichiers.md). With JavaScript the component
 * has already uploaded the file and the form carries its id; without, the file itself comes in `<name>File`
 * and is sent here to POST /api/fichiers. `id` undefined: the field is not in the form; '' : removed.
 */
export async function uploadedFileId(
  event: RequestEvent,
  data: FormData,
  name: string,
  purpose: FilePurpose,
): Promise<{ id?: string | null; error?: string }> {
  const file = data.get(`${name}File`);
  if (file instanceof File && file.size > 0) {
    const form = new FormData();
    form.set('purpose', purpose);
    form.set('file', file, file.name);
    const response = await apiFetch(event, '/api/fichiers', {
      method: 'POST',
      body: form,
      headers: { accept: 'application/json', origin: event.url.origin },
    });
    const answer = (await response.json().catch(() => null)) as { id?: string; error?: string } | null;
    if (response.status !== 201 || !answer?.id) return { error: answer?.error ?? 'L’envoi du fichier n’a pas abouti : réessayez.' };
    return { id: answer.id };
  }
  const id = data.get(name);
  return { id: typeof id === 'string' ? id || null : undefined };
}
