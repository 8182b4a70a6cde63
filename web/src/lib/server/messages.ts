import { addEnglish, addMessages, type Messages } from '$lib/i18n';

/**
 * The server has every message in both languages from its start (hooks.server.ts imports this module), for the
 * pages it renders and the messages its loaders and actions translate. The browser gets each page's French messages
 * with the page's script (web/messages-by-page.ts) and the English ones when it needs them (`loadLang`).
 */
addMessages(...Object.values(import.meta.glob<Messages>('../i18n/messages/*.ts', { eager: true, import: 'fr' })));
addEnglish(...Object.values(import.meta.glob<Messages>('../i18n/messages/*.ts', { eager: true, import: 'en' })));
