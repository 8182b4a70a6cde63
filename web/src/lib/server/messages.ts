import { addEnglish, addMessages, type Messages } from '$lib/i18n';
import { withFrenchSpaces } from '$lib/i18n/format';

/**
 * The server has every message in both languages from its start (hooks.server.ts imports this module), for the
 * pages it renders and the messages its loaders and actions translate. The browser gets each page's French messages
 * with the page's script (web/messages-by-page.ts) and the English ones when it needs them (`loadLang`).
 */
const french = Object.values(import.meta.glob<Record<string, string>>('../i18n/messages/*.ts', { eager: true, import: 'fr' }));
addMessages(...french.map((messages) => Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, withFrenchSpaces(text)]))));
addEnglish(...Object.values(import.meta.glob<Messages>('../i18n/messages/*.ts', { eager: true, import: 'en' })));
