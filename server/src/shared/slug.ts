import { kebabCase } from './tags.js';

/** A readable identifier for addresses: "Amicale laïque de Savenay" → "amicale-laique-de-savenay". */
export function slugify(text: string): string {
  return kebabCase(text).slice(0, 80).replace(/-+$/, '') || 'sans-nom';
}
