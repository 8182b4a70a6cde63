import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from '../../../graphql/errors.js';
import { say, type Text } from '../../../i18n/lang.js';
import { lockAccount } from '../../comptes/account-lock.js';
import { verifyPassword } from '../../comptes/password.js';
import { FRESH_SIGN_IN_MINUTES, signedInJustNow } from '../../comptes/sessions.js';
import { takePasswordConfirmation } from '../../comptes/sign-in-throttle.js';
import { AccountStatus, languageOf, Role, User } from '../../comptes/user.entity.js';
import { recordAudit } from '../moderation/audit.service.js';
import { privacyProviders } from '../plugs.js';

export interface MyDataExport {
  about: Text;
  generatedAt: string;
  userId: string;
  /** Each section's "mes données" provider's export, under the section's name. */
  sections: Record<string, unknown>;
}

/** Everything Maillage holds about a person, section by section, as one JSON document. */
export async function exportMyData(em: EntityManager, user: User): Promise<MyDataExport> {
  const sections: Record<string, unknown> = {};
  const lang = languageOf(user);
  for (const provider of privacyProviders()) sections[provider.section] = await provider.exportData(em, user.id, lang);
  return {
    about: say(
      'Toutes les données que Maillage détient sur vous, section par section. Vous pouvez les réutiliser librement.',
      'All the data Maillage holds about you, section by section. You may reuse it freely.',
    ),
    generatedAt: new Date().toISOString(),
    userId: user.id,
    sections,
  };
}

export interface KeptData {
  section: Text;
  explanation: Text;
}

/**
 * Deletes the person's account after checking their password: each section erases or
 * anonymizes what it holds, in one transaction, and says what it kept and why.
 */
export async function deleteMyAccount(
  em: EntityManager,
  user: User,
  input: { password: string },
  sessionId: string | null,
): Promise<KeptData[]> {
  const withHash = await em.findOneOrFail(User, { id: user.id }, { populate: ['passwordHash'] });
  // An account opened with ProConnect has no password: signing in again just before stands for it.
  if (!withHash.passwordHash && !(await signedInJustNow(em, sessionId))) {
    throw badInput({
      password: say(
        `Votre compte n’a pas de mot de passe : pour confirmer, déconnectez-vous, reconnectez-vous avec ProConnect, puis supprimez votre compte dans les ${FRESH_SIGN_IN_MINUTES} minutes. Votre compte n’a pas été supprimé.`,
        `Your account has no password: to confirm, sign out, sign in again with ProConnect, then delete your account within ${FRESH_SIGN_IN_MINUTES} minutes. Your account was not deleted.`,
      ),
    });
  }
  // Counted before the check: a stolen session cannot try passwords one after the other.
  const confirmation = await takePasswordConfirmation(em, user.id, 'delete-account');
  if (withHash.passwordHash && !(await verifyPassword(withHash.passwordHash, input.password ?? ''))) {
    throw badInput({
      password: say('Mot de passe incorrect : votre compte n’a pas été supprimé.', 'Wrong password: your account was not deleted.'),
    });
  }
  await confirmation.succeeded();
  if (user.role === Role.ADMIN && (await em.count(User, { role: Role.ADMIN, status: AccountStatus.ACTIVE })) <= 1) {
    throw conflict(
      say(
        'Vous êtes le dernier administrateur : nommez-en un autre avant de supprimer votre compte.',
        'You are the last admin: appoint another one before deleting your account.',
      ),
    );
  }
  return em.transactional(async (tx) => {
    // One deletion at a time per account (two clicks, two tabs).
    const status = await lockAccount(tx, user.id);
    if (!status || status === AccountStatus.DELETED)
      throw conflict(say('Ce compte est déjà supprimé.', 'This account is already deleted.'));
    const kept: KeptData[] = [];
    for (const provider of privacyProviders()) {
      for (const explanation of await provider.erase(tx, user.id)) kept.push({ section: provider.label, explanation });
    }
    await recordAudit(tx, { actorId: user.id, action: 'account.delete', targetUserId: user.id });
    return kept;
  });
}
