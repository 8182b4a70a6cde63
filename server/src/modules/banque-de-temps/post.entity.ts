import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';

export enum PostKind {
  /** "Je propose": the author gives time. */
  OFFER = 'offer',
  /** "Je cherche": the author needs help. */
  REQUEST = 'request',
}
registerEnumType(PostKind, { name: 'TimebankPostKind', description: 'An offer (I propose) or a request (I am looking for).' });

export enum PostCategory {
  /** Training and learning: Pix, a software, a method. */
  FORMATION = 'formation',
  /** Devices and machines: 3D printer, computer, repair. */
  MATERIEL = 'materiel',
  /** Everyday digital use: smartphone, e-mail, video calls. */
  USAGES = 'usages',
  /** Online procedures: CAF, impots.gouv, ANTS. */
  DEMARCHES = 'demarches',
  /** Websites, social networks, posters. */
  COMMUNICATION = 'communication',
  /** Running a workshop, a café citoyen, a barcamp. */
  ANIMATION = 'animation',
  AUTRE = 'autre',
}
registerEnumType(PostCategory, { name: 'TimebankCategory' });

export enum PostStatus {
  OPEN = 'open',
  CLOSED = 'closed',
}
registerEnumType(PostStatus, { name: 'TimebankPostStatus' });

/** An offer or a request of the time bank. */
@Entity({ tableName: 'timebank_post' })
@Index({ properties: ['status', 'createdAt'] })
@Index({
  name: 'timebank_post_search_index',
  // French full-text search, accents ignored ("demarches" finds "démarches").
  expression: `create index "timebank_post_search_index" on "timebank_post" using gin (to_tsvector('fr_unaccent', title || ' ' || description))`,
})
@Index({
  name: 'timebank_post_status_created_at_id_index',
  expression: `create index timebank_post_status_created_at_id_index on timebank_post (status, created_at desc, id desc)`,
})
export class TimebankPost extends BaseEntity<'status' | 'tags' | 'closedAt' | 'hiddenAt' | 'hiddenReason'> {
  @Index()
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  author!: Rel<User>;

  @Enum({ items: () => PostKind, nativeEnumName: 'timebank_post_kind' })
  kind!: PostKind;

  @Property({ type: 'string', length: 120 })
  title!: string;

  /** Markdown as written. */
  @Property({ type: 'text' })
  description!: string;

  @Enum({ items: () => PostCategory, nativeEnumName: 'timebank_category' })
  category!: PostCategory;

  @Property({ type: 'text[]', default: '{}' })
  tags: string[] = [];

  @Property({ type: 'string', length: 3, nullable: true })
  departement?: string | null;

  @Property({ type: 'string', length: 120, nullable: true })
  commune?: string | null;

  /** When the author is available, in their words ("le mardi matin", "en visio le soir"). */
  @Property({ type: 'string', length: 200, nullable: true })
  availability?: string | null;

  @Enum({ items: () => PostStatus, nativeEnumName: 'timebank_post_status', default: PostStatus.OPEN })
  status: PostStatus = PostStatus.OPEN;

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  /** Set by moderation: hidden posts leave public lists; the author still sees theirs with a notice. */
  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null;
}
