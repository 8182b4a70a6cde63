import type { EntityManager } from '@mikro-orm/postgresql';
import type { Lang, Text } from '../../../i18n/lang.js';

/**
 * What one section holds about a person, declared in the section's `<module>.section.ts`.
 * `exportData` returns plain JSON for "download my data"; `erase` runs inside the deletion's
 * transaction, removes personal data, anonymizes what must stay (public contributions stay,
 * signed by the "Compte supprimé" account; ledger entries stay as they are so every balance and
 * total is unchanged) and returns, in plain words, what was kept and why (nothing: []).
 */
export interface PrivacyProvider {
  section: string;
  label: Text;
  /**
   * What the archive's spreadsheets call this section's parts and fields (`sessions`, `displayName`),
   * in the member's language; the fields many sections share are named in mes-donnees.words.ts.
   */
  words?: Readonly<Record<string, Text>>;
  /** `lang`: the member's (their profile's `locale`), for what the export says in words (the moderation log's sentences). */
  exportData(em: EntityManager, userId: string, lang: Lang): Promise<unknown>;
  erase(em: EntityManager, userId: string): Promise<Text[]>;
}
