import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Question } from './question.entity.js';

/**
 * "Demander aux expert·es": the asker invites a member to answer their question (3 per question at
 * most, once per member: the unique constraint). The invitee may decline.
 */
@Entity({ tableName: 'question_invitation' })
@Unique({ properties: ['question', 'invitee'] })
export class QuestionInvitation extends BaseEntity {
  @ManyToOne({ entity: () => Question, deleteRule: 'cascade' })
  question!: Rel<Question>;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  @Index()
  invitee!: Rel<User>;

  @Property({ type: 'datetime', nullable: true })
  declinedAt?: Date | null = null;
}
