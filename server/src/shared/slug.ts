import { normalizeTag } from './tags.js';

/** A readable identifier for addresses: "Amicale laïque de Savenay" → "amicale-laique-de-savenay". */
export function slugify(text: string): string {
  return normalizeTag(text).slice(0, 80) || 'sans-nom';
}
