import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
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

@ObjectType({ description: 'What an import did.' })
export class PlaceImportReport {
  @Field(() => String, { description: '"csv" or "json".' })
  format!: string;

  @Field(() => String, { description: 'The encoding the file was read in: "utf-8", "windows-1252", "utf-16le"…' })
  encoding!: string;

  @Field(() => Int, { description: 'Rows in the older v0 shape (mapped to v1.0.2).' })
  v0Rows!: number;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => [RejectedPlaceRow])
  rejectedRows!: RejectedPlaceRow[];

  @Field(() => [NotedPlaceRow], { description: 'Rows taken with a change (they are counted as created, updated or unchanged).' })
  notedRows!: NotedPlaceRow[];
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
