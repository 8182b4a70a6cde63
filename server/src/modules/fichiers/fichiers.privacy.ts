import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';
import { removeAfterCommit } from './fichiers.store.js';
import { fileUrl } from './fichiers.types.js';

/**
 * "Mes données" for the files a member uploaded: listed in the export (name, type, size, address). Deleting
 * the account deletes them, except those attached to content that stays (an organization's logo, a project's
 * or an event's image, a resource's attachment): those lose their owner and stay with that content. The
 * avatar goes with the account.
 */
export const fichiersPrivacy: PrivacyProvider = {
  section: 'fichiers',
  label: say('Fichiers envoyés', 'Uploaded files'),
  words: {
    files: say('Fichiers', 'Files'),
    name: say('Nom du fichier', 'File name'),
    contentType: say('Format', 'Format'),
    size: say('Taille (octets)', 'Size (bytes)'),
    purpose: say('Usage', 'Use'),
    url: say('Adresse', 'Address'),
    uploadedAt: say('Envoyé le', 'Uploaded on'),
  },
  async exportData(em: EntityManager, userId: string) {
    const rows = await query<{ id: string; original_name: string; content_type: string; size: number; purpose: string; created_at: Date }>(
      em,
      sql`select id, original_name, content_type, size, purpose, created_at from stored_file
           where owner_id = ${userId} and variant_of_id is null order by created_at, id`,
    );
    return {
      files: rows.map((row) => ({
        name: row.original_name,
        contentType: row.content_type,
        size: row.size,
        purpose: row.purpose,
        url: fileUrl(row.id, row.original_name),
        uploadedAt: row.created_at,
      })),
    };
  },
  async erase(em: EntityManager, userId: string) {
    const gone = await query<{ storage_key: string | null }>(
      em,
      sql`delete from stored_file f
           where f.owner_id = ${userId} and (f.attached_at is null or f.purpose = 'avatar'
                 or f.variant_of_id in (select a.id from stored_file a where a.owner_id = ${userId} and (a.attached_at is null or a.purpose = 'avatar')))
          returning f.storage_key`,
    );
    await removeAfterCommit(em, gone);
    const kept = await query<{ id: string }>(
      em,
      sql`update stored_file set owner_id = null where owner_id = ${userId} and variant_of_id is null returning id`,
    );
    await query(em, sql`update stored_file set owner_id = null where owner_id = ${userId} returning id`);
    return kept.length > 0
      ? [
          say(
            'Les images et documents que vous avez joints à des contenus qui restent (logo, image de projet ou d’événement, ressource) restent avec eux, sans votre nom.',
            'The images and documents you attached to content that stays (a logo, a project or event image, a resource) stay with it, without your name.',
          ),
        ]
      : [];
  },
};
