import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Question } from './question.entity.js';

/**
 * A member mentioned (`@[Nom](membre:<id>)`) in a question, an answer or a comment: one row per text
 * and member, so an edit never notifies the same person twice.
 */
@Entity({ tableName: 'question_mention' })
@Unique({ properties: ['content', 'member'] })
export class QuestionMention extends BaseEntity {
  /** `question:<id>`, `answer:<id>` or `comment:<id>`. */
  @Property({ type: 'string', length: 60 })
  content!: string;

  @ManyToOne({ entity: () => Question, deleteRule: 'cascade' })
  @Index()
  question!: Rel<Question>;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  @Index()
  member!: Rel<User>;
}
