import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from '../reseau/organization.entity.js';
import { CharterVersion } from './charter-version.entity.js';

/**
 * A signature of one version. A member signs in their own name (`organization` null); an organization
 * admin signs on behalf of the organization (both are named). One signature per signer and version:
 * the two partial unique indexes below enforce it even when two requests race.
 * A withdrawn signature keeps its row (`withdrawnAt`); signing again brings it back.
 */
@Entity({ tableName: 'charter_signature' })
@Unique({
  name: 'charter_signature_person_unique',
  expression:
    'create unique index "charter_signature_person_unique" on "charter_signature" ("version_id", "signer_id") where "organization_id" is null',
})
@Unique({
  name: 'charter_signature_organization_unique',
  expression:
    'create unique index "charter_signature_organization_unique" on "charter_signature" ("version_id", "organization_id") where "organization_id" is not null',
})
@Index({ properties: ['signer'] })
@Index({ properties: ['organization'] })
export class CharterSignature extends BaseEntity<'organization' | 'departement' | 'withdrawnAt'> {
  @ManyToOne({ entity: () => CharterVersion, deleteRule: 'cascade' })
  version!: Rel<CharterVersion>;

  /** The person who signed (for an organization, the admin who signed on its behalf). */
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  signer!: Rel<User>;

  @ManyToOne({ entity: () => Organization, nullable: true, deleteRule: 'cascade' })
  organization?: Rel<Organization> | null;

  /** Territory shown in the public list, taken when signing (the signer's, or the one given for the organization). */
  @Property({ type: 'string', length: 3, nullable: true })
  departement?: string | null;

  @Property({ type: 'datetime' })
  signedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  withdrawnAt?: Date | null;
}
