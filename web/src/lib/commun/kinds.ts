import type { IconName } from '$lib/components/Icon.svelte';

/**
 * The signage of each kind of item on the home page: an icon (decorative) and a word, never colour alone.
 * A section adds its kinds here and a `commun.kind.<kind>` message.
 */
const ICONS: Record<string, IconName> = {
  'entraide.question': 'message',
  'entraide.answer': 'message',
  'timebank.offer': 'hourglass',
  'timebank.request': 'hand',
  'timebank.exchange': 'handshake',
  'agenda.event': 'calendar',
  'agenda.registration': 'ticket',
  'projets.project': 'flask',
  'projets.campaign': 'flask',
  'reseau.organisation': 'map-pin',
  'reseau.membre': 'user',
  notification: 'bell',
  'moderation.queue': 'flag',
  'charte.signature': 'signature',
  'ressources.nouvelle': 'book',
};

export function kindIcon(kind: string): IconName {
  return ICONS[kind] ?? 'sparkles';
}

/** The i18n key of a kind's word ("Question", "Offre de temps"…). */
export function kindKey(kind: string): string {
  return kind in ICONS ? `commun.kind.${kind}` : 'commun.kind.other';
}

/** The section page an item's kind belongs to ("see all"). */
export function kindSection(kind: string): string | null {
  const section = kind.split('.')[0];
  const pages: Record<string, string> = {
    entraide: '/entraide',
    timebank: '/banque-de-temps',
    agenda: '/agenda',
    projets: '/projets',
    reseau: '/reseau',
    charte: '/charte',
    ressources: '/ressources',
  };
  return pages[section] ?? null;
}
