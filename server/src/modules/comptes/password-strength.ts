import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import type { Text } from '../../i18n/lang.js';
import { AccountLinkPurpose, personOfLink } from './account-links.js';
import { normalizeEmail } from './email-address.js';
import { passwordContext, passwordWeakness } from './password.js';
import type { User } from './user.entity.js';

/**
 * What the forms that choose a new password show under it while it is typed (docs/comptes.md): the server's own
 * judgement, `passwordWeakness()`, the one the operations that set the password apply. Nothing of the rules is
 * copied into the browser (zxcvbn's dictionaries weigh megabytes).
 */
@ObjectType({ simpleResolvers: true, description: 'Whether a new password would be accepted, and if not, why and what to do.' })
export class PasswordStrength {
  @Field(() => Boolean, {
    description: 'The password would be accepted by register, activateAccount, resetPassword and changePassword (which still decide).',
  })
  accepted!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it would be refused and what to do instead, in the request’s language: the sentence those operations answer. Null when accepted.',
  })
  advice!: string | null;
}

/** Whom a new password is for, as each form knows it. */
export interface NewPasswordFor {
  /** Sign-up: the address and the name typed in the same form. */
  email?: string | null;
  displayName?: string | null;
  /** Activation or reset: the token of the link the page was opened with. */
  token?: string | null;
}

/**
 * Why `password` would be refused for that person, or null. The person is, in this order: the account of a live
 * activation or reset link (`token`); the address and name typed (sign-up); else the signed-in member (change of
 * password); else nobody in particular. An unknown or spent token judges the password for nobody in particular
 * rather than failing: the hint only helps, the operation decides.
 */
export async function newPasswordWeakness(
  em: EntityManager,
  password: string,
  person: NewPasswordFor,
  signedIn: () => User | null,
): Promise<Text | null> {
  return passwordWeakness(password, await personalContext(em, person, signedIn));
}

async function personalContext(em: EntityManager, person: NewPasswordFor, signedIn: () => User | null): Promise<string[]> {
  if (person.token) {
    const owner = await personOfLink(em, person.token, [AccountLinkPurpose.ACTIVATION, AccountLinkPurpose.PASSWORD_RESET]);
    return owner ? passwordContext(owner) : [];
  }
  // As register() reads them: the address trimmed and in lower case, the name trimmed.
  if (person.email != null || person.displayName != null) {
    return passwordContext({ email: normalizeEmail(person.email ?? ''), displayName: (person.displayName ?? '').trim() });
  }
  const member = signedIn();
  return member ? passwordContext(member) : [];
}
