import { Field, ID, InputType } from 'type-graphql';
import { Metier } from './user.entity.js';
import { MaxLength } from '../../graphql/input-limits.js';

@InputType()
export class RegisterInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String)
  displayName!: string;
}

@InputType()
export class LoginInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}

@InputType({ description: 'Only the fields given are changed; null clears an optional field.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => Metier, { nullable: true })
  metier?: Metier | null;

  @Field(() => String, { nullable: true })
  commune?: string | null;

  @Field(() => String, { nullable: true })
  departement?: string | null;

  @Field(() => [String], { nullable: true })
  expertiseTags?: string[] | null;

  @Field(() => [String], { nullable: true })
  languages?: string[] | null;

  @Field(() => String, { nullable: true })
  @MaxLength(3000)
  bio?: string | null;

  @Field(() => Boolean, { nullable: true })
  showEmail?: boolean | null;

  @Field(() => String, { nullable: true, description: '"fr" or "en".' })
  locale?: string | null;

  @Field(() => ID, { nullable: true, description: 'The uploaded avatar (POST /api/fichiers, purpose "avatar"); null removes it.' })
  avatarFileId?: string | null;

  @Field(() => String, { nullable: true, description: 'What the avatar shows (required with an avatar, 250 characters at most).' })
  @MaxLength(250)
  avatarAlt?: string | null;
}

@InputType()
export class ActivateAccountInput {
  @Field(() => String)
  token!: string;

  @Field(() => String)
  password!: string;
}
