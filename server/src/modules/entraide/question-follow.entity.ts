import { Entity, ManyToOne, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Question } from './question.entity.js';

/** A member follows a question: they are told about its new answers. Askers follow their own question. */
@Entity({ tableName: 'question_follow' })
@Unique({ properties: ['user', 'question'] })
export class QuestionFollow extends BaseEntity {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  @ManyToOne({ entity: () => Question, deleteRule: 'cascade' })
  question!: Rel<Question>;
}
