import { Collection, Entity, Enum, Index, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import type { Membership } from './membership.entity.js';

export enum OrganizationKind {
  /** A place that welcomes the public (EPN, FabLab, médiathèque, tiers-lieu…). */
  LIEU = 'lieu',
  /** A structure without a public place of its own (association, company, service). */
  STRUCTURE = 'structure',
  /** A local network of organizations. */
  RESEAU = 'reseau',
}
registerEnumType(OrganizationKind, { name: 'OrganizationKind' });

type ListFields =
  | 'typologie'
  | 'courriels'
  | 'siteWeb'
  | 'itinerance'
  | 'services'
  | 'publicsSpecifiquementAdresses'
  | 'priseEnChargeSpecifique'
  | 'fraisACharge'
  | 'dispositifProgrammesNationaux'
  | 'formationsLabels'
  | 'autresFormationsLabels'
  | 'modalitesAcces'
  | 'modalitesAccompagnement';

/**
 * A place (lieu), a structure or a local network (réseau). Its public fields are those of the
 * national standard for places of digital mediation, v1.0.2 (see modules/reseau/standard.ts,
 * which validates them on every write); the GraphQL names are the camelCase of the standard's columns.
 */
@ObjectType({
  description: 'A place (lieu), a structure or a local network (réseau), with the fields of the standard v1.0.2.',
  simpleResolvers: true,
})
@Entity({ tableName: 'organization' })
// French full text, the commune as people write it (functions of migration `directory_search`; the
// expressions are ORGANIZATION_DOCUMENT and communeMatches in reseau/directory.service.ts) and "near a point" (earthdistance).
@Index({
  name: 'organization_search_index',
  expression: `create index "organization_search_index" on "organization" using gin (public.organization_search_document("name", "commune", "code_postal", "typologie", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "modalites_acces", "modalites_accompagnement", "itinerance", "presentation_resume", "presentation_detail", "structure_parente"))`,
})
@Index({
  name: 'organization_commune_key_index',
  expression: `create index "organization_commune_key_index" on "organization" (public.organization_commune_key("commune"))`,
})
@Index({
  name: 'organization_point_index',
  expression: `create index "organization_point_index" on "organization" using gist (public.maillage_earth_point(latitude, longitude)) where latitude is not null and longitude is not null`,
})
// Keyset orders of the directory (migrations bounded_reads, directory_alphabetical): by name, case and accents ignored.
@Index({
  name: 'organization_sort_name_id_index',
  expression: `create index organization_sort_name_id_index on organization (immutable_unaccent(lower(name)), id)`,
})
@Index({
  name: 'organization_created_at_id_index',
  expression: `create index organization_created_at_id_index on organization (created_at desc, id)`,
})
export class Organization extends BaseEntity<'kind' | ListFields> {
  @Field(() => String, { description: 'Standard: `nom`.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'Readable identifier used in addresses (e.g. "amicale-laique-savenay").' })
  @Property({ type: 'string', length: 120 })
  @Unique()
  slug!: string;

  @Field(() => OrganizationKind)
  @Enum({ items: () => OrganizationKind, nativeEnumName: 'organization_kind', default: OrganizationKind.LIEU })
  kind: OrganizationKind = OrganizationKind.LIEU;

  @Field(() => String, { nullable: true, description: 'Address (https) of the logo image.' })
  @Property({ type: 'string', length: 500, nullable: true })
  logoUrl?: string | null;

  /** The uploaded logo (fichiers), shown instead of `logoUrl`; GraphQL `logo`, with its required alt text. */
  @Property({ type: 'uuid', nullable: true })
  logoFileId?: string | null;

  @Property({ type: 'string', length: 250, nullable: true })
  logoAlt?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Standard: `id`, the producer's own identifier (the id of the source for imported places).",
  })
  // Not unique: the identity of an imported place is (source, id), in place_source (place-source.entity.ts).
  @Property({ type: 'string', length: 200, nullable: true })
  standardId?: string | null;

  @Field(() => String, { nullable: true, description: 'Standard: `pivot` (SIRET or RNA).' })
  @Index()
  @Property({ type: 'string', length: 14, nullable: true })
  pivot?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 250, nullable: true })
  commune?: string | null;

  @Field(() => String, { nullable: true })
  @Index()
  @Property({ type: 'string', length: 5, nullable: true })
  codePostal?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 5, nullable: true })
  codeInsee?: string | null;

  @Field(() => String, { nullable: true, description: 'Derived from the postcode ("44", "2A", "974").' })
  @Index()
  @Property({ type: 'string', length: 3, nullable: true })
  departement?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 250, nullable: true })
  adresse?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 250, nullable: true })
  complementAdresse?: string | null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;

  @Field(() => [String], { description: 'Codes of the data.inclusion typology (ASSO, MUNI, TIERS_LIEUX…).' })
  @Property({ type: 'text[]', default: '{}' })
  typologie: string[] = [];

  @Field(() => String, { nullable: true, description: 'International format, e.g. +33240123456.' })
  @Property({ type: 'string', length: 20, nullable: true })
  telephone?: string | null;

  @Field(() => [String], { description: "The place's generic contact addresses (public: they are open data)." })
  @Property({ type: 'text[]', default: '{}' })
  courriels: string[] = [];

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  siteWeb: string[] = [];

  @Field(() => String, { nullable: true, description: 'OpenStreetMap opening_hours syntax.' })
  @Property({ type: 'text', nullable: true })
  horaires?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 280 characters.' })
  @Property({ type: 'string', length: 280, nullable: true })
  presentationResume?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  presentationDetail?: string | null;

  @Field(() => String, { nullable: true, description: 'Who collected the data (e.g. "conseiller-numerique", "Maillage").' })
  @Property({ type: 'string', length: 200, nullable: true })
  source?: string | null;

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  itinerance: string[] = [];

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 250, nullable: true })
  structureParente?: string | null;

  @Field(() => String, { nullable: true, description: 'Standard: `date_maj`, YYYY-MM-DD.' })
  @Property({ type: 'string', columnType: 'date', nullable: true })
  dateMaj?: string | null;

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  services: string[] = [];

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  publicsSpecifiquementAdresses: string[] = [];

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  priseEnChargeSpecifique: string[] = [];

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}', fieldName: 'frais_a_charge' })
  fraisACharge: string[] = [];

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  dispositifProgrammesNationaux: string[] = [];

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  formationsLabels: string[] = [];

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  autresFormationsLabels: string[] = [];

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  modalitesAcces: string[] = [];

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  modalitesAccompagnement: string[] = [];

  @Field(() => String, { nullable: true, description: 'Acceslibre page of the place (accessibility).' })
  @Property({ type: 'string', length: 500, nullable: true })
  ficheAccesLibre?: string | null;

  @Field(() => String, { nullable: true, description: 'Online appointment page.' })
  @Property({ type: 'string', length: 500, nullable: true })
  priseRdv?: string | null;

  /** Only in a `near` search: a plain field of the directory's rows, never stored. */
  @Field(() => Float, { nullable: true, description: 'Kilometres from the point of a `near` search.' })
  @Property({ type: 'double', persist: false, nullable: true })
  distanceKm?: number | null;

  // Named, not imported: Membership imports Organization, and a loop of imports is refused.
  @OneToMany({ entity: 'Membership', mappedBy: 'organization' })
  memberships = new Collection<Membership>(this);
}
