import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import type { Lang } from '../../i18n/lang.js';

export enum Role {
  MEMBER = 'member',
  MODERATOR = 'moderator',
  ADMIN = 'admin',
}
registerEnumType(Role, { name: 'Role', description: 'Platform role: member, moderator or admin.' });

/** What the person does in digital mediation (the "métier" of their profile). */
export enum Metier {
  CONSEILLER_NUMERIQUE = 'conseiller_numerique',
  MEDIATEUR = 'mediateur',
  AIDANT = 'aidant',
  BENEVOLE = 'benevole',
  SERVICE_CIVIQUE = 'service_civique',
  FORMATEUR = 'formateur',
  TRAVAILLEUR_SOCIAL = 'travailleur_social',
  AUTRE = 'autre',
}
registerEnumType(Metier, { name: 'Metier' });

export enum AccountStatus {
  /** Created by an organization for someone it tutors; waits for its activation link. */
  PENDING = 'pending',
  ACTIVE = 'active',
  /** Suspended by a moderator until `suspendedUntil`: cannot sign in, every session was ended. */
  SUSPENDED = 'suspended',
  /** The person deleted their account: personal data erased, public contributions kept as "compte supprimé". */
  DELETED = 'deleted',
}
registerEnumType(AccountStatus, { name: 'AccountStatus' });

@ObjectType({
  description: 'A member of the network. Private data (e-mail) is shown only to the person, or when they chose to.',
  simpleResolvers: true,
})
@Entity({ tableName: 'app_user' })
// Newest active members first (migration bounded_reads).
@Index({
  name: 'app_user_active_created_at_index',
  expression: `create index app_user_active_created_at_index on app_user (created_at desc, id) where status = 'active'`,
})
// The people directory, by name, case and accents ignored: the accounts it lists (migration directory_alphabetical).
@Index({
  name: 'app_user_directory_name_index',
  expression: `create index app_user_directory_name_index on app_user (immutable_unaccent(lower(display_name)), id) where status = 'active' and email_verified_at is not null`,
})
// Names as typed in a member picker (entraide's @mentions, the time bank's transfers): trigrams, accents ignored.
@Index({
  name: 'app_user_display_name_trgm_index',
  expression:
    'create index "app_user_display_name_trgm_index" on "app_user" using gin (immutable_unaccent(lower(display_name)) gin_trgm_ops)',
})
export class User extends BaseEntity<'role' | 'status' | 'expertiseTags' | 'languages' | 'showEmail' | 'locale'> {
  @Property({ type: 'string', length: 254 })
  @Unique()
  email!: string;

  @Property({ type: 'string', nullable: true, hidden: true, lazy: true })
  passwordHash?: string | null;

  @Field(() => String)
  @Property({ type: 'string', length: 80 })
  displayName!: string;

  @Enum({ items: () => Role, nativeEnumName: 'user_role', default: Role.MEMBER })
  role: Role = Role.MEMBER;

  @Field(() => AccountStatus)
  @Enum({ items: () => AccountStatus, nativeEnumName: 'account_status', default: AccountStatus.ACTIVE })
  status: AccountStatus = AccountStatus.ACTIVE;

  @Field(() => Metier, { nullable: true })
  @Enum({ items: () => Metier, nativeEnumName: 'metier', nullable: true })
  metier?: Metier | null;

  @Field(() => String, { nullable: true, description: 'Commune of the person (free text, e.g. "Savenay").' })
  @Property({ type: 'string', length: 120, nullable: true })
  commune?: string | null;

  @Field(() => String, { nullable: true, description: 'Département code (e.g. "44", "2A", "974").' })
  @Index()
  @Property({ type: 'string', length: 3, nullable: true })
  departement?: string | null;

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  expertiseTags: string[] = [];

  @Field(() => [String], { description: 'Languages the person can help in (ISO 639-1 codes or names).' })
  @Property({ type: 'text[]', default: '{}' })
  languages: string[] = [];

  /** Short presentation, Markdown as written (shown through AccountsResolver: moderation may hide it). */
  @Property({ type: 'text', nullable: true })
  bio?: string | null;

  /** The uploaded avatar (fichiers) and its alt text: GraphQL `avatar` (AccountsResolver). */
  @Property({ type: 'uuid', nullable: true })
  avatarFileId?: string | null;

  @Property({ type: 'string', length: 250, nullable: true })
  avatarAlt?: string | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  showEmail: boolean = false;

  @Field(() => String)
  @Property({ type: 'string', length: 2, default: 'fr' })
  locale: string = 'fr';

  /** Set with status SUSPENDED: the suspension ends by itself at this time. */
  @Property({ type: 'datetime', nullable: true })
  suspendedUntil?: Date | null;

  /** The presentation (bio) hidden by a moderator: shown only to the person and to moderators. */
  @Property({ type: 'datetime', nullable: true })
  bioHiddenAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  bioHiddenReason?: string | null;

  /**
   * When the person proved they receive mail at `email` (confirmation link, activation link,
   * password reset, ProConnect). Until then they may read and fill their profile, not publish.
   */
  @Property({ type: 'datetime', nullable: true })
  emailVerifiedAt?: Date | null;
}

/** The member's own language, their profile's: what their e-mails and their data are written in. */
export function languageOf(user: Pick<User, 'locale'>): Lang {
  return user.locale === 'en' ? 'en' : 'fr';
}
