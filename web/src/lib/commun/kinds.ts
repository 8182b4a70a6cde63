/**
 * The signage of each kind of item on the home page: an icon (decorative) and a word, never colour alone.
 * A section adds its kinds here and a `commun.kind.<kind>` message.
 */
const ICONS: Record<string, string> = {
  'entraide.question': '💬',
  'entraide.answer': '💬',
  'timebank.offer': '⏳',
  'timebank.request': '🙋',
  'timebank.exchange': '🤝',
  'agenda.event': '📅',
  'agenda.registration': '🎟️',
  'projets.project': '🧪',
  'projets.campaign': '🧪',
  'reseau.organisation': '📍',
  'reseau.membre': '👤',
  notification: '🔔',
  'moderation.queue': '🚩',
  'charte.signature': '✍️',
};

export function kindIcon(kind: string): string {
  return ICONS[kind] ?? '✨';
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
  };
  return pages[section] ?? null;
}
