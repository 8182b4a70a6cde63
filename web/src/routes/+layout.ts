import { loadLang } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/** In the browser, English messages are fetched before the first English page is drawn ($lib/i18n). */
export const load: LayoutLoad = async ({ data }) => {
  await loadLang(data.lang);
  return data;
};
