import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';

/** Who may read a file: anyone with its address, or signed-in members only (set by the section that uses it). */
/** Who may download: anyone, signed-in members, or the members of one organization (`visibleToOrganizationId`). */
export type FileVisibility = 'public' | 'members' | 'organisation';

/**
 * One uploaded file (docs/fichiers.md). Its bytes are in `content` (PostgreSQL, the default: shared by every
 * process and in the backups) or in an S3 bucket under `storageKey`. An image's 400 px thumbnail is a second
 * row, `variantOf` the image. `attachedAt` is set when a section uses the file; uploads never attached are
 * removed after 24 hours (fichiers.section.ts).
 */
@Entity({ tableName: 'stored_file' })
@Index({ properties: ['attachedAt', 'createdAt'] })
export class StoredFile extends BaseEntity<'visibility'> {
  /** Null once the account is deleted while the file stays with kept content (an organization's logo). */
  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null', index: true })
  owner?: Rel<User> | null;

  /** What it was uploaded for: logo, avatar, image, attachment; thumbnail for a variant. */
  @Property({ type: 'string', length: 30 })
  purpose!: string;

  @ManyToOne({ entity: () => StoredFile, nullable: true, deleteRule: 'cascade', index: true })
  variantOf?: Rel<StoredFile> | null;

  @Property({ type: 'string', length: 200 })
  originalName!: string;

  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'integer', nullable: true })
  width?: number | null;

  @Property({ type: 'integer', nullable: true })
  height?: number | null;

  /** The bytes, when stored in PostgreSQL; never loaded with the entity (read through fichiers.store.ts). */
  @Property({ type: 'blob', nullable: true, lazy: true })
  content?: Buffer | null;

  /** The object's key, when stored in an S3 bucket. */
  @Property({ type: 'string', length: 300, nullable: true })
  storageKey?: string | null;

  /** A document's text (PDF, DOCX, ODT, PPTX…), ≤ 200,000 characters, for the sections' search. */
  @Property({ type: 'text', nullable: true, lazy: true })
  extractedText?: string | null;

  @Property({ type: 'string', length: 12, default: 'public' })
  visibility: FileVisibility = 'public';

  /** With visibility `organisation`: whose members may download it (read through reseau's `organization_member`). */
  @Property({ type: 'uuid', nullable: true })
  visibleToOrganizationId?: string | null;

  @Property({ type: 'datetime', nullable: true })
  attachedAt?: Date | null;
}
