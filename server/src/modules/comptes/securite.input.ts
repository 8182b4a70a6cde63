import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { badInput } from '../../graphql/errors.js';
import { MaxLength } from '../../graphql/input-limits.js';
import { say, type Text } from '../../i18n/lang.js';

/** The longest value each field of these inputs accepts (checked before any work). */
export const MAX_LENGTH = { email: 254, password: 200, token: 100 } as const;

@InputType({ description: '"Mot de passe oublié ?": the address of the account (at most 254 characters).' })
export class RequestPasswordResetInput {
  @Field(() => String)
  @MaxLength(MAX_LENGTH.email)
  email!: string;
}

@InputType({ description: 'The token of a reset link (at most 100 characters) and the new password (at most 200).' })
export class ResetPasswordInput {
  @Field(() => String)
  token!: string;

  @Field(() => String)
  password!: string;
}

@InputType({ description: 'Both passwords at most 200 characters.' })
export class ChangePasswordInput {
  @Field(() => String)
  currentPassword!: string;

  @Field(() => String)
  newPassword!: string;
}

@ArgsType()
export class PasswordStrengthArgs {
  @Field(() => String, { description: 'The new password being typed (at most 200 characters, like the operations that set it).' })
  password!: string;

  @Field(() => String, { nullable: true, description: 'Sign-up: the address typed in the same form (at most 254 characters).' })
  @MaxLength(MAX_LENGTH.email)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Sign-up: the name typed in the same form.' })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Activation or reset: the token of the link (at most 100 characters); the password is judged for its account.',
  })
  token?: string | null;
}

@InputType()
export class RevokeSessionInput {
  @Field(() => ID, { description: 'One of my sessions (`mySessions`).' })
  id!: string;
}

function tooLong(limit: number): Text {
  return say(`Ce champ ne peut pas dépasser ${limit} caractères.`, `This field cannot exceed ${limit} characters.`);
}

/** Refuses, before anything else, a value longer than its field allows (BAD_USER_INPUT on each such field). */
export function checkLengths(values: Record<string, string>, limits: Record<string, number>): void {
  const fields: Record<string, Text> = {};
  for (const [name, limit] of Object.entries(limits)) {
    if ((values[name]?.length ?? 0) > limit) fields[name] = tooLong(limit);
  }
  if (Object.keys(fields).length > 0) throw badInput(fields);
}
