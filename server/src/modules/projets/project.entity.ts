import { Check, Collection, Entity, Enum, Index, ManyToOne, OneToMany, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from '../reseau/organization.entity.js';

/** How far a project has gone, from an idea to something used every day. */
export enum ProjectStage {
  IDEE = 'idee',
  PROTOTYPE = 'prototype',
  BETA = 'beta',
  DEPLOYE = 'deploye',
}
registerEnumType(ProjectStage, { name: 'ProjectStage', description: 'idée, prototype, bêta or déployé.' });

/** The stages in order: the ranking measures how far a project is from the stage a person looks for. */
export const STAGE_ORDER: readonly ProjectStage[] = [ProjectStage.IDEE, ProjectStage.PROTOTYPE, ProjectStage.BETA, ProjectStage.DEPLOYE];

@ObjectType({ description: 'A link of a project (site, source code, documentation, video…).' })
export class ProjectLink {
  @Field(() => String)
  label!: string;

  @Field(() => String)
  url!: string;
}

@ObjectType({ description: 'A picture of the project, always with its text alternative.' })
export class ProjectImage {
  @Field(() => String)
  url!: string;

  @Field(() => String, { description: 'What the picture shows, read aloud by screen readers.' })
  alt!: string;
}

@ObjectType({ description: 'A project of the network: a workshop kit, an app, a format others can reproduce.' })
@Entity({ tableName: 'project' })
// Created by the migration (the function project_search_document is hand-written there); declared so the schema diff knows them.
@Index({
  name: 'project_search_index',
  expression:
    'create index "project_search_index" on "project" using gin (project_search_document("title", "summary", "description", "tags"))',
})
@Index({
  name: 'project_location_index',
  expression:
    'create index "project_location_index" on "project" using gist (public.maillage_earth_point("latitude", "longitude")) where "latitude" is not null',
})
@Check({ name: 'project_coordinates_check', expression: '(latitude is null) = (longitude is null)' })
// The candidates scored by projects.search.ts (migration bounded_reads).
@Index({
  name: 'project_visible_updated_at_index',
  expression: `create index project_visible_updated_at_index on project (updated_at desc) where hidden_at is null`,
})
@Index({
  name: 'project_visible_stage_updated_at_index',
  expression: `create index project_visible_stage_updated_at_index on project (stage, updated_at desc) where hidden_at is null`,
})
@Index({ name: 'project_tags_index', expression: `create index project_tags_index on project using gin (tags)` })
// Latest first within a circle (migration 20261206110000, btree_gist): the project list's candidate sets.
@Index({
  name: 'project_point_updated_at_index',
  expression: `create index project_point_updated_at_index on project using gist (public.maillage_earth_point(latitude, longitude), updated_at) where hidden_at is null and latitude is not null`,
})
export class Project extends BaseEntity<'description' | 'essaimage' | 'tags' | 'links' | 'images' | 'hiddenAt' | 'hiddenReason'> {
  @Field(() => String)
  @Property({ type: 'string', length: 150 })
  title!: string;

  @Field(() => String, { description: 'Readable identifier used in addresses.' })
  @Property({ type: 'string', length: 120 })
  @Unique()
  slug!: string;

  @Field(() => String, { description: 'One or two sentences shown in lists.' })
  @Property({ type: 'string', length: 300 })
  summary!: string;

  @Field(() => String, { description: 'Markdown, as written.' })
  @Property({ type: 'text', default: '' })
  description: string = '';

  @Field(() => String, { description: '"How to reproduce it elsewhere" (essaimage), Markdown as written.' })
  @Property({ type: 'text', default: '' })
  essaimage: string = '';

  @Field(() => ProjectStage)
  @Enum({ items: () => ProjectStage, nativeEnumName: 'project_stage' })
  stage!: ProjectStage;

  @Field(() => String, { nullable: true, description: 'Commune where the project lives (free text).' })
  @Property({ type: 'string', length: 120, nullable: true })
  commune?: string | null;

  @Field(() => String, { nullable: true, description: 'Département code (e.g. "44").' })
  @Index()
  @Property({ type: 'string', length: 3, nullable: true })
  departement?: string | null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  tags: string[] = [];

  @Field(() => [ProjectLink])
  @Property({ type: 'json', default: '[]' })
  links: ProjectLink[] = [];

  @Field(() => [ProjectImage])
  @Property({ type: 'json', default: '[]' })
  images: ProjectImage[] = [];

  /** The uploaded main image (fichiers) and its alt text: GraphQL `image` (ProjectsResolver). */
  @Property({ type: 'uuid', nullable: true })
  imageFileId?: string | null;

  @Property({ type: 'string', length: 250, nullable: true })
  imageAlt?: string | null;

  @Field(() => Organization, { description: 'The organization that holds the project.' })
  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  holder!: Rel<Organization>;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true, description: 'Set by a moderator when the project breaks the rules.' })
  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null = null;

  @OneToMany({ entity: () => ProjectTeamMember, mappedBy: 'project' })
  team = new Collection<ProjectTeamMember>(this);
}

@ObjectType({ description: 'A person of the project team: they edit the project and run its campaigns.' })
@Entity({ tableName: 'project_team_member' })
@Unique({ properties: ['project', 'user'] })
export class ProjectTeamMember extends BaseEntity<'role'> {
  @ManyToOne({ entity: () => Project, deleteRule: 'cascade' })
  project!: Rel<Project>;

  @Field(() => User)
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  @Field(() => String, { nullable: true, description: 'What they do in the project, e.g. "développeuse", "animateur".' })
  @Property({ type: 'string', length: 80, nullable: true })
  role?: string | null = null;
}
