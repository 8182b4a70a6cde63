import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { Metier } from '../comptes/user.entity.js';
import { MemberRole } from './membership.entity.js';
import { OrganizationRef } from './organisations.types.js';

@ObjectType({ description: "A person's organization and role, on their public profile." })
export class PersonOrganization {
  @Field(() => OrganizationRef)
  organization!: OrganizationRef;

  @Field(() => MemberRole)
  role!: MemberRole;
}

@ObjectType({ description: 'A person of the directory: the public part of their profile (e-mail only if they chose to show it).' })
export class Person {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Metier, { nullable: true })
  metier!: Metier | null;

  @Field(() => String, { nullable: true })
  commune!: string | null;

  @Field(() => String, { nullable: true })
  departement!: string | null;

  @Field(() => [String])
  expertiseTags!: string[];

  @Field(() => [String])
  languages!: string[];

  @Field(() => String, { nullable: true, description: 'Markdown as written.' })
  bio!: string | null;

  @Field(() => [PersonOrganization])
  organizations!: PersonOrganization[];

  @Field(() => Float, { nullable: true, description: 'Distance to the nearest of their organizations, in a `near` search.' })
  distanceKm!: number | null;

  showEmail!: boolean;
  email!: string;
}

@ObjectType()
export class PersonConnection extends connectionOf(Person) {}

@ObjectType({ description: 'A row an import did not take, and why.' })
export class RejectedPlaceRow {
  @Field(() => Int, { description: 'CSV: line in the file (header = 1). JSON: position in the list (from 1).' })
  line!: number;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => [String], { description: 'In the language of the request.' })
  reasons!: string[];
}

@ObjectType({ description: 'A row an import took with a change its author should know about (a résumé shortened…).' })
export class NotedPlaceRow {
  @Field(() => Int, { description: 'CSV: line in the file (header = 1). JSON: position in the list (from 1).' })
  line!: number;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => [String], { description: 'In the language of the request.' })
  notes!: string[];
}

export enum ImportRowOutcome {
  CREATED = 'created',
  UPDATED = 'updated',
  LINKED = 'linked',
  UNCHANGED = 'unchanged',
  REJECTED = 'rejected',
}
registerEnumType(ImportRowOutcome, {
  name: 'ImportRowOutcome',
  description:
    'What an import did with a row: a new place, fields changed, linked to a place known to another source, nothing, or refused.',
});

@ObjectType({ description: 'A place an import row created, updated or linked.' })
export class ImportRowPlace {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ description: 'What an import did with one row of the file.' })
export class ImportRowView {
  @Field(() => Int, { description: 'CSV: line in the file (header = 1). JSON: position in the list (from 1).' })
  line!: number;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: "The row's `id` in its source." })
  sourceId!: string | null;

  @Field(() => ImportRowOutcome)
  outcome!: ImportRowOutcome;

  @Field(() => ImportRowPlace, { nullable: true, description: 'The place created, updated or linked (null when rejected).' })
  place!: ImportRowPlace | null;

  @Field(() => [String], { description: 'For UPDATED and LINKED: the French labels of the fields that changed.' })
  fields!: string[];

  @Field(() => [String], { description: 'For REJECTED: why, in the language of the request.' })
  reasons!: string[];

  @Field(() => [String], { description: 'Changes its author should know about (a résumé shortened…), in the language of the request.' })
  notes!: string[];
}

@ObjectType({ description: 'What an import did.' })
export class PlaceImportReport {
  @Field(() => String, { description: '"csv" or "json".' })
  format!: string;

  @Field(() => String, { description: 'The encoding the file was read in: "utf-8", "windows-1252", "utf-16le"…' })
  encoding!: string;

  @Field(() => String, { nullable: true, description: 'The source given for the rows without their own `source` column.' })
  source!: string | null;

  @Field(() => Int, { description: 'Rows in the older v0 shape (mapped to v1.0.2).' })
  v0Rows!: number;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Rows of a place already known (to another source, or under another id), now linked to it.' })
  linked!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => [RejectedPlaceRow])
  rejectedRows!: RejectedPlaceRow[];

  @Field(() => [NotedPlaceRow], { description: 'Rows taken with a change (they are counted as created, updated or unchanged).' })
  notedRows!: NotedPlaceRow[];

  @Field(() => [ImportRowView], { description: 'Every row of the file, in order, with what the import did.' })
  rows!: ImportRowView[];
}

@ObjectType({ description: "A typology of data.inclusion's list (the standard's `typologie`)." })
export class PlaceTypology {
  @Field(() => String, { description: 'The code (ASSO, BIB, RFS…), the value of the `typologie` filter.' })
  code!: string;

  @Field(() => String, { description: 'French label.' })
  label!: string;
}

@ObjectType({ description: 'An enumerated field of the standard and its possible values (for filters and forms).' })
export class VocabularyField {
  @Field(() => String, { description: 'GraphQL name of the field / filter (e.g. "services").' })
  field!: string;

  @Field(() => String, { description: 'French label.' })
  label!: string;

  @Field(() => [String])
  values!: string[];
}
