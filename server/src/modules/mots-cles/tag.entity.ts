import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';

/**
 * One tag of the shared list (questions today; projects, offers and profiles may use it too).
 * The key is the normalized spelling (`normalizeTag()`), the label the first spelling someone wrote.
 */
@ObjectType({ description: 'A tag of the shared list, e.g. "Aidants Connect" (slug "aidants-connect").', simpleResolvers: true })
@Entity({ tableName: 'tag' })
export class Tag {
  [PrimaryKeyProp]?: 'slug';

  @Field(() => String, { description: 'Normalized: lowercase, no accents, words joined by hyphens.' })
  @PrimaryKey({ type: 'string', length: 40 })
  slug!: string;

  @Field(() => String, { description: 'How it is written for people.' })
  @Property({ type: 'string', length: 60 })
  label!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** A member follows a tag: they are told about new content that carries it. */
@Entity({ tableName: 'tag_follow' })
@Unique({ properties: ['user', 'tag'] })
export class TagFollow extends BaseEntity {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  @ManyToOne({ entity: () => Tag, deleteRule: 'cascade' })
  tag!: Rel<Tag>;
}
