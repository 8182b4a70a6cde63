import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../../shared/base.entity.js';
import { User } from '../../comptes/user.entity.js';

/**
 * An in-app message for one person: "Nouvelle réponse à votre question", "Une place s'est libérée"…
 * Every section creates them through `notify()`; `kind` says which section and event it comes from.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'notification' })
@Index({ properties: ['recipient', 'createdAt'] })
export class Notification extends BaseEntity<'readAt' | 'link' | 'inDigest'> {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  recipient!: Rel<User>;

  @Field(() => String, { description: 'What happened, e.g. "entraide.answer", "agenda.promoted", "timebank.exchange".' })
  @Property({ type: 'string', length: 60 })
  kind!: string;

  @Field(() => String, { description: 'One sentence, in the language of the recipient.' })
  @Property({ type: 'text' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'Where to go in the web app, e.g. "/entraide/questions/…".' })
  @Property({ type: 'string', length: 500, nullable: true })
  link?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;

  /** The recipient chose the weekly digest for this kind: it goes into their next digest e-mail. */
  @Property({ type: 'boolean', default: false })
  inDigest: boolean = false;

  /** When it went into a digest e-mail (never twice). */
  @Property({ type: 'datetime', nullable: true })
  digestedAt?: Date | null;
}
