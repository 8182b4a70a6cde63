import { Collection, Entity, ManyToOne, OneToMany, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';

/**
 * A published version of the charter. Versions are never edited once published:
 * a change is a new version, so a signature always points at the exact text that was signed.
 */
@ObjectType({ description: 'A published version of the charter (v1, v2…), with its numbered articles.' })
@Entity({ tableName: 'charter_version' })
export class CharterVersion extends BaseEntity<'publishedBy'> {
  @Field(() => Int, { description: '1 for the first version, then 2, 3…' })
  @Property({ type: 'integer' })
  @Unique()
  number!: number;

  @Field(() => String, { description: 'What changed in this version, Markdown as written by the committee.' })
  @Property({ type: 'text' })
  changelog!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  publishedAt!: Date;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  publishedBy?: Rel<User> | null;

  @OneToMany({ entity: () => CharterArticle, mappedBy: 'version', orderBy: { number: 'asc' } })
  articles = new Collection<CharterArticle>(this);
}

@ObjectType({ description: 'One numbered article of a charter version.' })
@Entity({ tableName: 'charter_article' })
@Unique({ properties: ['version', 'number'] })
export class CharterArticle extends BaseEntity {
  @ManyToOne({ entity: () => CharterVersion, deleteRule: 'cascade' })
  version!: Rel<CharterVersion>;

  @Field(() => Int, { description: 'Article 1, 2, 3…' })
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { description: 'Markdown as written.' })
  @Property({ type: 'text' })
  body!: string;
}
