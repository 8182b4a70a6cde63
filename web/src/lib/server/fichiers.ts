import type { RequestEvent } from '@sveltejs/kit';
import type { FilePurpose } from '$lib/fichiers/types';
import { translate } from '$lib/i18n';
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

/**
 * The main image of a project's or an event's form (a FileUpload named `imageFileId`, its description
 * `imageAlt`), as their API inputs take it. Nothing when the field is not in the form, so the image stays.
 */
export async function imageFields(
  event: RequestEvent,
  data: FormData,
  values: Record<string, string>,
): Promise<{ error?: string; input: { imageFileId?: string | null; imageAlt?: string | null } }> {
  const image = await uploadedFileId(event, data, 'imageFileId', 'image');
  if (image.error) return { error: image.error, input: {} };
  if (image.id === undefined) return { input: {} };
  values.imageFileId = image.id ?? '';
  return { input: { imageFileId: image.id, imageAlt: image.id ? values.imageAlt?.trim() || null : null } };
}

/** "50 Mo" / "50 MB", "2,5 Mo", "100 ko", as the API says it (server/src/modules/fichiers/fichiers.service.ts). */
export function sizeText(bytes: number, lang: 'fr' | 'en'): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} ${lang === 'en' ? 'kB' : 'ko'}`;
  const megabytes = String(Math.round((bytes / 1024 / 1024) * 10) / 10);
  return lang === 'en' ? `${megabytes} MB` : `${megabytes.replace('.', ',')} Mo`;
}

/**
 * The message of a form posted with a file over adapter-node's body limit (413 before the action reads it: the
 * limit is UPLOAD_MAX_BYTES plus room for the other fields, server/src/main.ts), the API's own sentence.
 */
export function tooLargeMessage(lang: 'fr' | 'en'): string {
  const max = Number(process.env.MAILLAGE_UPLOAD_MAX_BYTES) || 50 * 1024 * 1024;
  return translate(lang, 'fichiers.error.tooLarge', { max: sizeText(max, lang) });
}
