import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { MemberRole } from './membership.entity.js';
import { MEMBERSHIP_REQUEST_MESSAGE_MAX } from './membership-request.entity.js';
import { OrganizationKind } from './organization.entity.js';
import { MaxLength } from '../../graphql/input-limits.js';

/**
 * The editable fields of an organization: the standard v1.0.2's (its `id`, `source` and `date_maj`
 * are kept by Maillage) and Maillage's own. Multi-values are lists; enumerated ones take the
 * standard's labels (see the `standardVocabulary` query). Absent: unchanged; null: cleared.
 */
@InputType()
export abstract class OrganizationFieldsInput {
  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;

  @Field(() => String, { nullable: true, description: 'https address of the logo.' })
  @MaxLength(2000)
  logoUrl?: string | null;

  @Field(() => ID, { nullable: true, description: 'The uploaded logo (POST /api/fichiers, purpose "logo"); null removes it.' })
  logoFileId?: string | null;

  @Field(() => String, { nullable: true, description: 'What the logo shows (required with a logo, 250 characters at most).' })
  @MaxLength(250)
  logoAlt?: string | null;

  @Field(() => String, { nullable: true, description: 'SIRET or RNA.' })
  pivot?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(250)
  commune?: string | null;

  @Field(() => String, { nullable: true })
  codePostal?: string | null;

  @Field(() => String, { nullable: true })
  codeInsee?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(250)
  adresse?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(250)
  complementAdresse?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Same as `lng`.' })
  longitude?: number | null;

  @Field(() => [String], { nullable: true })
  typologie?: string[] | null;

  @Field(() => String, { nullable: true, description: '"02 40 12 34 56" or "+33240123456".' })
  telephone?: string | null;

  @Field(() => [String], { nullable: true })
  courriels?: string[] | null;

  @Field(() => [String], { nullable: true })
  @MaxLength(2000)
  siteWeb?: string[] | null;

  @Field(() => String, { nullable: true, description: 'OpenStreetMap opening_hours, e.g. "Mo-Fr 09:00-12:00,14:00-18:00".' })
  @MaxLength(1000)
  horaires?: string | null;

  @Field(() => String, { nullable: true })
  // The standard's 280 is checked by the service with the form's other fields; this only stops abuse.
  @MaxLength(2000)
  presentationResume?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(20000)
  presentationDetail?: string | null;

  @Field(() => [String], { nullable: true })
  itinerance?: string[] | null;

  @Field(() => String, { nullable: true })
  @MaxLength(250)
  structureParente?: string | null;

  @Field(() => [String], { nullable: true })
  services?: string[] | null;

  @Field(() => [String], { nullable: true })
  publicsSpecifiquementAdresses?: string[] | null;

  @Field(() => [String], { nullable: true })
  priseEnChargeSpecifique?: string[] | null;

  @Field(() => [String], { nullable: true })
  fraisACharge?: string[] | null;

  @Field(() => [String], { nullable: true })
  dispositifProgrammesNationaux?: string[] | null;

  @Field(() => [String], { nullable: true })
  formationsLabels?: string[] | null;

  @Field(() => [String], { nullable: true })
  autresFormationsLabels?: string[] | null;

  @Field(() => [String], { nullable: true })
  modalitesAcces?: string[] | null;

  @Field(() => [String], { nullable: true })
  modalitesAccompagnement?: string[] | null;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  ficheAccesLibre?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  priseRdv?: string | null;
}

@InputType()
export class CreateOrganizationInput extends OrganizationFieldsInput {
  @Field(() => String)
  name!: string;
}

@InputType()
export class UpdateOrganizationInput extends OrganizationFieldsInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;
}

@InputType()
export class CreateManagedAccountInput {
  @Field(() => ID, { description: 'The organization that tutors the person.' })
  organizationId!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  email!: string;
}

@InputType('DirectoryNearInput', { description: 'A point (`lat`, `lng`), or a commune (name or postcode), and a radius.' })
export class NearInput {
  @Field(() => Float, { nullable: true })
  lat?: number | null;

  @Field(() => Float, { nullable: true })
  lng?: number | null;

  @Field(() => Float, { nullable: true, description: 'Same as `lat`.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Same as `lng`.' })
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'A commune name or postcode, instead of a point.' })
  commune?: string | null;

  @Field(() => Float, { nullable: true, description: 'Kilometres (10 by default, at most 200).' })
  radiusKm?: number | null;
}

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Words of the name, commune, postcode, typologies, services, publics, support modes, programmes, labels or presentations; accents and case ignored; the name counts most.',
  })
  search?: string | null;

  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;

  @Field(() => [String], { nullable: true, description: 'Places offering all these services (labels of the standard).' })
  services?: string[] | null;

  @Field(() => [String], { nullable: true })
  publicsSpecifiquementAdresses?: string[] | null;

  @Field(() => [String], { nullable: true })
  priseEnChargeSpecifique?: string[] | null;

  @Field(() => [String], { nullable: true })
  fraisACharge?: string[] | null;

  @Field(() => [String], { nullable: true })
  dispositifProgrammesNationaux?: string[] | null;

  @Field(() => [String], { nullable: true })
  formationsLabels?: string[] | null;

  @Field(() => [String], { nullable: true })
  modalitesAcces?: string[] | null;

  @Field(() => [String], { nullable: true })
  modalitesAccompagnement?: string[] | null;

  @Field(() => [String], { nullable: true })
  itinerance?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Typology codes (ASSO, MUNI…).' })
  typologie?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A commune; accents, hyphens, case and "St" for "Saint" aside.' })
  commune?: string | null;

  @Field(() => String, { nullable: true })
  codePostal?: string | null;

  @Field(() => String, { nullable: true })
  departement?: string | null;

  @Field(() => ID, { nullable: true, description: 'Members of this network.' })
  networkId?: string | null;

  @Field(() => NearInput, { nullable: true, description: 'Within a radius; results then come nearest first, with `distanceKm`.' })
  near?: NearInput | null;

  @Field(() => Boolean, { nullable: true, description: 'Open now, in Paris time, from the `horaires`.' })
  openNow?: boolean | null;
}

@InputType()
export class MemberInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => MemberRole, { nullable: true })
  role?: MemberRole | null;
}

@InputType({ description: 'Joins the organization whose SIRET (pivot) is the one of your ProConnect identity.' })
export class JoinOrganizationBySiretInput {
  @Field(() => ID)
  organizationId!: string;
}

@InputType()
export class SetMemberRoleInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => MemberRole)
  role!: MemberRole;
}

@InputType()
export class RemoveMemberInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => ID)
  userId!: string;
}

@InputType()
export class JoinNetworkInput {
  @Field(() => ID)
  networkId!: string;

  @Field(() => ID, { description: 'The organization that asks to join (you are its admin).' })
  organizationId!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  message?: string | null;
}

@InputType()
export class DecideNetworkRequestInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => Boolean)
  accept!: boolean;
}

@InputType()
export class LeaveNetworkInput {
  @Field(() => ID)
  networkId!: string;

  @Field(() => ID)
  organizationId!: string;
}

@InputType({ description: '"Demander à rejoindre ce lieu": to become a plain member; its admins answer.' })
export class AskToJoinOrganizationInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String, { nullable: true, description: 'A word to the admins: who you are for this place (500 characters at most).' })
  @MaxLength(MEMBERSHIP_REQUEST_MESSAGE_MAX)
  message?: string | null;
}

@InputType()
export class WithdrawMembershipRequestInput {
  @Field(() => ID)
  requestId!: string;
}

@InputType()
export class DecideMembershipRequestInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => Boolean, { description: 'True: the person becomes a plain member; false: refused.' })
  accept!: boolean;
}
