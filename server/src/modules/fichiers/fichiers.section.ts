import { say } from '../../i18n/lang.js';
import { defineSection, type SectionJob } from '../commun/section.js';
import { mountFichiersRoutes } from './fichiers.http.js';
import { fichiersPrivacy } from './fichiers.privacy.js';
import { deleteOrphanUploads } from './fichiers.service.js';
import { StoredFile } from './stored-file.entity.js';

/** Uploads no section attached within 24 hours are removed: checked every hour. */
const deleteOrphanUploadsJob: SectionJob = {
  name: 'fichiers.delete-orphan-uploads',
  everyMs: 3600 * 1000,
  run: (em) => deleteOrphanUploads(em),
};

/**
 * Fichiers: the files members upload for every section (logos, avatars, project and event images,
 * resources' documents), checked from their content, stored in PostgreSQL or an S3 bucket (docs/fichiers.md).
 */
export const fichiersSection = defineSection({
  name: 'fichiers',
  label: say('Fichiers', 'Files'),
  tables: ['stored_file'],
  entities: [StoredFile],
  resolvers: [],
  httpRoutes: [mountFichiersRoutes],
  jobs: [deleteOrphanUploadsJob],
  myData: [fichiersPrivacy],
});
