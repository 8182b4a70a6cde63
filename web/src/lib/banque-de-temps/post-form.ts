import { CATEGORIES } from './durations';

type Category = (typeof CATEGORIES)[number];

/** The fields of `PostFields.svelte` as the API takes them (publishing and correcting a post). */
export function postFieldsFromForm(values: Record<string, string | undefined>) {
  const category = (CATEGORIES as readonly string[]).includes(values.category ?? '') ? (values.category as Category) : 'AUTRE';
  return {
    category,
    title: values.title ?? '',
    description: values.description ?? '',
    tags: (values.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    departement: values.departement || null,
    commune: values.commune || null,
    availability: values.availability || null,
  };
}
