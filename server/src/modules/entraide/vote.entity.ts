import { Check, Entity, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Answer } from './answer.entity.js';
import { Question } from './question.entity.js';

/** One member's vote on a question: +1 or −1 (a CHECK constraint says so), one per member, changeable. */
@Entity({ tableName: 'question_vote' })
@Unique({ properties: ['voter', 'question'] })
@Check({ name: 'question_vote_value_check', expression: 'abs(value) = 1' })
export class QuestionVote extends BaseEntity {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  voter!: Rel<User>;

  @ManyToOne({ entity: () => Question, deleteRule: 'cascade' })
  question!: Rel<Question>;

  @Property({ type: 'smallint' })
  value!: number;
}

/** One member's vote on an answer: +1 or −1, one per member, changeable. */
@Entity({ tableName: 'answer_vote' })
@Unique({ properties: ['voter', 'answer'] })
@Check({ name: 'answer_vote_value_check', expression: 'abs(value) = 1' })
export class AnswerVote extends BaseEntity {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  voter!: Rel<User>;

  @ManyToOne({ entity: () => Answer, deleteRule: 'cascade' })
  answer!: Rel<Answer>;

  @Property({ type: 'smallint' })
  value!: number;
}
