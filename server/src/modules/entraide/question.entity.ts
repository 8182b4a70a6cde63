import { Check, Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import type { Answer } from './answer.entity.js';

/**
 * A question asked to the network. Written through this entity; read through one SQL statement
 * (`entraide.read.ts`). Vote counts, answer count and the search vector are kept by triggers
 * (migration `entraide`), so they stay right whoever writes votes, answers or `hiddenAt`.
 */
@Entity({ tableName: 'question' })
// Newest first, and the count of visible questions, read from the index alone.
@Index({
  name: 'question_visible_created_at_index',
  expression: 'create index "question_visible_created_at_index" on "question" ("created_at" desc, "id") where "hidden_at" is null',
})
// Similar titles while typing: trigrams of the title without accents.
@Index({
  name: 'question_title_trgm_index',
  expression: 'create index "question_title_trgm_index" on "question" using gin (immutable_unaccent(lower(title)) gin_trgm_ops)',
})
@Check({ name: 'question_not_own_duplicate_check', expression: 'duplicate_of_id is null or duplicate_of_id <> id' })
@Index({ properties: ['score', 'createdAt'] })
export class Question extends BaseEntity<
  'tags' | 'upVotes' | 'downVotes' | 'score' | 'answerCount' | 'lastActivityAt' | 'departement' | 'commune'
> {
  @ManyToOne({ entity: () => User })
  @Index()
  author!: Rel<User>;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** Markdown as written. */
  @Property({ type: 'text' })
  body!: string;

  /** Slugs of the shared tag list (1 to 5), in the order given. */
  @Property({ type: 'text[]', default: '{}' })
  @Index({ type: 'gin' })
  tags: string[] = [];

  @Property({ type: 'string', length: 3, nullable: true })
  @Index()
  departement?: string | null = null;

  @Property({ type: 'string', length: 120, nullable: true })
  commune?: string | null = null;

  @Property({ type: 'integer', default: 0 })
  upVotes: number = 0;

  @Property({ type: 'integer', default: 0 })
  downVotes: number = 0;

  @Property({ type: 'integer', default: 0 })
  score: number = 0;

  /** Visible answers (not hidden by moderation). */
  @Property({ type: 'integer', default: 0 })
  answerCount: number = 0;

  // Named, not imported: Answer imports Question, and a loop of imports is refused.
  @ManyToOne({ entity: 'Answer', nullable: true, deleteRule: 'set null' })
  acceptedAnswer?: Rel<Answer> | null = null;

  @Property({ type: 'datetime', nullable: true })
  acceptedAt?: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  acceptedBy?: Rel<User> | null = null;

  /** Closed as a duplicate: the original it points to. */
  @ManyToOne({ entity: () => Question, nullable: true, deleteRule: 'set null' })
  duplicateOf?: Rel<Question> | null = null;

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  closedBy?: Rel<User> | null = null;

  /** Asked, answered, edited or accepted: what "active" sorts on. */
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Index()
  lastActivityAt: Date = new Date();

  /** The author's last edit (shown as "modifiée le …"). */
  @Property({ type: 'datetime', nullable: true })
  editedAt?: Date | null = null;

  /** Set by moderation: hidden from everyone but the author and moderators. */
  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null = null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null = null;

  /** Title (weight A), tags (A) and body (B) in the `fr_unaccent` configuration; set by a trigger. */
  @Property({ type: 'tsvector', nullable: true, lazy: true, hidden: true })
  @Index({ type: 'fulltext' })
  searchVector?: string | null;
}
