/**
 * "This content was published, changed or withdrawn": a section tells the others through the commun,
 * without importing them (docs/sections.md, `contentListeners`). The agenda announces its events; the
 * federation listens and publishes them on the fediverse. Listeners run in the caller's transaction
 * (so what they record is kept or rolled back with the change) and must not reach the network.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { logger } from '../../logger.js';
import { contentListeners } from './plugs.js';

export interface ContentChange {
  /** `<section>.<thing>`, as the moderated content types: `agenda.event`. */
  type: string;
  id: string;
  /** `removed`: hidden by moderation or deleted; `restored`: shown again. */
  change: 'created' | 'updated' | 'removed' | 'restored';
  /**
   * For a written text that may cite other content (an Entraide question or answer): its title, its
   * address and its text as written, so a listener can find what it cites (ressources records the
   * `/ressources/<slug>` links) without reading the section's tables.
   */
  citable?: { title: string; url: string; text: string };
}

export interface ContentListener {
  name: string;
  onChange(em: EntityManager, change: ContentChange): Promise<void>;
}

/** Tells every section's listener; one that fails is logged and never fails the change itself. */
export async function contentChanged(em: EntityManager, change: ContentChange): Promise<void> {
  for (const listener of contentListeners()) {
    try {
      await listener.onChange(em, change);
    } catch (error) {
      logger.error({ err: error, listener: listener.name, change }, 'a content listener failed');
    }
  }
}
