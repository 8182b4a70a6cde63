import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Answer } from './answer.entity.js';
import { Question } from './question.entity.js';

/**
 * A short comment under a question (answer null) or under one of its answers: inline Markdown only,
 * 600 characters at most. Read through one statement per page (`entraide-comments.read.ts`).
 */
@Entity({ tableName: 'question_comment' })
// The comments of one question or answer, oldest first (keyset pages).
@Index({ properties: ['question', 'answer', 'createdAt', 'id'] })
export class QuestionComment extends BaseEntity {
  @ManyToOne({ entity: () => Question, deleteRule: 'cascade' })
  question!: Rel<Question>;

  @ManyToOne({ entity: () => Answer, nullable: true, deleteRule: 'cascade' })
  @Index()
  answer?: Rel<Answer> | null = null;

  @ManyToOne({ entity: () => User })
  @Index()
  author!: Rel<User>;

  @Property({ type: 'string', length: 600 })
  body!: string;

  @Property({ type: 'datetime', nullable: true })
  editedAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null = null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null = null;
}
