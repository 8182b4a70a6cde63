import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Question } from './question.entity.js';

/** An answer to a question. Vote counts are kept by triggers (migration `entraide`). */
@Entity({ tableName: 'answer' })
export class Answer extends BaseEntity<'upVotes' | 'downVotes' | 'score'> {
  @ManyToOne({ entity: () => Question, deleteRule: 'cascade' })
  @Index()
  question!: Rel<Question>;

  @ManyToOne({ entity: () => User })
  @Index()
  author!: Rel<User>;

  /** Markdown as written. */
  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'integer', default: 0 })
  upVotes: number = 0;

  @Property({ type: 'integer', default: 0 })
  downVotes: number = 0;

  @Property({ type: 'integer', default: 0 })
  score: number = 0;

  @Property({ type: 'datetime', nullable: true })
  editedAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null = null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null = null;
}
