/**
 * One spelling per tag: "Aidants Connect", "aidants-connect" and "aidants_connect" are one tag.
 * Lowercase, without accents, words joined by hyphens.
 */
export function normalizeTag(raw: string): string {
  return kebabCase(raw).slice(0, 40).replace(/-+$/, '');
}

/** "Démarches CAF !" → "demarches-caf": lowercase ASCII words joined by hyphens. */
export function kebabCase(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Normalized, without empties or repeats, in the order given. */
export function normalizeTags(raw: readonly string[]): string[] {
  return [...new Set(raw.map(normalizeTag).filter(Boolean))];
}
