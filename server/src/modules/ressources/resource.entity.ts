import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from '../reseau/organization.entity.js';

/**
 * A base of resources: one per organization (a place, a structure or a network), managed by its admins.
 * Created on first use (`createResourceBase`, or implicitly when an admin publishes in it).
 */
@Entity({ tableName: 'resource_base' })
export class ResourceBase extends BaseEntity<'description'> {
  @Property({ type: 'string', length: 140 })
  @Unique()
  slug!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', default: '' })
  description: string = '';

  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  @Unique()
  organization!: Rel<Organization>;
}

/**
 * A resource: a workshop sheet, a course, slides, a kit… Written through this entity; read through one
 * SQL statement (`ressources.read.ts`). `feedbackCount` and `ratingSum` are kept by a trigger on
 * `resource_feedback` (migration `ressources`), so the average stays exact; `searchVector` is set by the
 * service (it also holds the text extracted from the attached files, read through the fichiers service).
 */
@Entity({ tableName: 'resource' })
@Index({
  name: 'resource_visible_published_at_index',
  expression: 'create index "resource_visible_published_at_index" on "resource" ("published_at" desc, "id") where "hidden_at" is null',
})
export class Resource extends BaseEntity<
  | 'themes'
  | 'tags'
  | 'publics'
  | 'levels'
  | 'fileIds'
  | 'links'
  | 'authorIds'
  | 'authorOrganizationIds'
  | 'feedbackCount'
  | 'ratingSum'
  | 'versionCount'
  | 'publishedAt'
> {
  @Property({ type: 'string', length: 220 })
  @Unique()
  slug!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'string', length: 500 })
  summary!: string;

  /** Markdown as written (images point at uploaded files). */
  @Property({ type: 'text' })
  content!: string;

  /** `ResourceKind` value. */
  @Property({ type: 'string', length: 32 })
  kind!: string;

  /** `ResourceLicence` value. */
  @Property({ type: 'string', length: 32 })
  @Index()
  licence!: string;

  /** `public`, `membres` or `organisation` (the base organization's members only). */
  @Property({ type: 'string', length: 16 })
  visibility!: string;

  /** Services of the national standard (reseau/standard.ts, VOCABULARY.services). */
  @Property({ type: 'text[]', default: '{}' })
  @Index({ type: 'gin' })
  themes: string[] = [];

  /** Slugs of the shared tag list (mots-cles). */
  @Property({ type: 'text[]', default: '{}' })
  @Index({ type: 'gin' })
  tags: string[] = [];

  @Property({ type: 'text[]', default: '{}' })
  @Index({ type: 'gin' })
  publics: string[] = [];

  /** Levels 1 to 5 of the self-check (orienter). */
  @Property({ type: 'int[]', columnType: 'int[]', default: '{}' })
  @Index({ type: 'gin' })
  levels: number[] = [];

  @ManyToOne({ entity: () => ResourceBase, nullable: true, deleteRule: 'set null' })
  @Index()
  base?: Rel<ResourceBase> | null = null;

  /** Who created it (kept, signed "Compte supprimé", after the account is deleted). */
  @ManyToOne({ entity: () => User })
  @Index()
  createdBy!: Rel<User>;

  /** The members credited as authors, in order. */
  @Property({ type: 'uuid[]', columnType: 'uuid[]', default: '{}' })
  @Index({ type: 'gin' })
  authorIds: string[] = [];

  @Property({ type: 'uuid[]', columnType: 'uuid[]', default: '{}' })
  authorOrganizationIds: string[] = [];

  /** Stored files (fichiers) attached, in order. */
  @Property({ type: 'uuid[]', columnType: 'uuid[]', default: '{}' })
  fileIds: string[] = [];

  /** External links `{ url, title }`. */
  @Property({ type: 'jsonb', default: '[]' })
  links: Array<{ url: string; title: string }> = [];

  @Property({ type: 'integer', default: 0 })
  feedbackCount: number = 0;

  @Property({ type: 'integer', default: 0 })
  ratingSum: number = 0;

  @Property({ type: 'integer', default: 1 })
  versionCount: number = 1;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  publishedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null = null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null = null;

  /** Title (A), summary and tags (B), content (C), attached files' text (D), `fr_unaccent`; set by the service. */
  @Property({ type: 'tsvector', nullable: true, lazy: true, hidden: true })
  @Index({ type: 'fulltext' })
  searchVector?: string | null;
}

/** One version of a resource: the first publication, then one row per update with what changed. */
@Entity({ tableName: 'resource_version' })
@Unique({ properties: ['resource', 'number'] })
export class ResourceVersion extends BaseEntity {
  @ManyToOne({ entity: () => Resource, deleteRule: 'cascade' })
  resource!: Rel<Resource>;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'string', length: 300 })
  note!: string;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  @Index()
  author?: Rel<User> | null = null;
}

/** "J'ai utilisé cette ressource": one per member and resource (updated, never doubled). */
@Entity({ tableName: 'resource_feedback' })
@Unique({ properties: ['resource', 'author'] })
@Index({ properties: ['resource', 'createdAt'] })
export class ResourceFeedback extends BaseEntity {
  @ManyToOne({ entity: () => Resource, deleteRule: 'cascade' })
  resource!: Rel<Resource>;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  @Index()
  author?: Rel<User> | null = null;

  @Property({ type: 'smallint' })
  rating!: number;

  @Property({ type: 'string', length: 1000, nullable: true })
  comment?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null = null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null = null;
}

/** A collection of resources, made by any member: public, or private and shared by a link with a random key. */
@Entity({ tableName: 'resource_collection' })
export class ResourceCollection extends BaseEntity<'description'> {
  @Property({ type: 'string', length: 220 })
  @Unique()
  slug!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'string', length: 1000, default: '' })
  description: string = '';

  @Property({ type: 'string', length: 16 })
  visibility!: string;

  /** The key of the shared link of a private collection (random, 32 url-safe characters). */
  @Property({ type: 'string', length: 64 })
  @Unique()
  shareToken!: string;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  @Index()
  owner!: Rel<User>;
}
