/**
 * The attached files, through the fichiers section's service (docs/fichiers.md): what they are, their
 * extracted text for search, who may download them. Ressources never reads `stored_file` itself.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Text } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { attachFile, extractedText, fileInfo, releaseFile, setFileVisibility } from '../fichiers/fichiers.service.js';
import type { ResourceFile } from './ressources.types.js';

export async function filesInfo(em: EntityManager, ids: readonly string[]): Promise<ResourceFile[]> {
  const found = await fileInfo(em, ids);
  return ids.flatMap((id) => {
    const file = found.get(id);
    return file
      ? [{ id, name: file.name, contentType: file.contentType, size: file.size, url: file.url, thumbnailUrl: file.thumbnailUrl }]
      : [];
  });
}

/** The text of every attached document (PDF, office files), for the search document. */
export async function filesText(em: EntityManager, ids: readonly string[]): Promise<string> {
  const texts: string[] = [];
  for (const id of ids) texts.push((await extractedText(em, id)) ?? '');
  return texts.join('\n');
}

/** Public resource: anyone may download its files; members-only: signed-in members; an organization's: its members. */
export async function setFilesVisibility(
  em: EntityManager,
  ids: readonly string[],
  visibility: 'public' | 'members' | 'organisation',
  organizationId: string | null = null,
): Promise<void> {
  for (const id of ids) await setFileVisibility(em, id, visibility, organizationId);
}

/** Attaches the member's new uploads (refused when unknown, someone else's or already used). */
export async function attachNewFiles(em: EntityManager, user: User, ids: readonly string[]): Promise<Text | null> {
  for (const id of ids) {
    const attached = await attachFile(em, user, id);
    if (!('contentType' in attached)) return attached;
  }
  return null;
}

/** Files a resource let go of (removed from it, or the resource deleted). */
export async function releaseFiles(em: EntityManager, ids: readonly string[]): Promise<void> {
  for (const id of ids) await releaseFile(em, id);
}
