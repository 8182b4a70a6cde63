import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { AppError, FieldErrors, notFound } from '../../graphql/errors.js';
import { say, type Text } from '../../i18n/lang.js';
import { formatParisDateTime } from '../../shared/local-time.js';
import { sendAccountEmail } from '../commun/notifications/notifications.service.js';
import { AccountLinkPurpose, createAccountLink, peekAccountLink, revokeAccountLinks, useAccountLink } from './account-links.js';
import { checkEmail } from './email-address.js';
import { normalizeEmail, openSession, revokeAllSessions, type RequestMeta } from './comptes.service.js';
import { hashPassword, passwordContext, passwordWeakness, verifyPassword } from './password.js';
import { hit } from './rate-limit.js';
import { revokeOtherSessions } from './sessions.js';
import { AccountStatus, languageOf, User } from './user.entity.js';
import { answerNoSoonerThan } from './same-time.js';

/**
 * "Mot de passe oublié ?" and "Changer mon mot de passe".
 *
 * A reset request answers the same, in about the same time, whatever the address: known, unknown,
 * pending, suspended or deleted. Only an active account receives a link (valid one hour, single
 * use, the previous ones revoked). Using it sets the password, proves the address, ends every
 * session and signs this browser in.
 */
export const RESET_VALID_MS = 60 * 60 * 1000;
const HOUR = 3600;
/** Beyond this, a request for the same address still answers true but sends nothing (no mailbox flooding). */
export const RESETS_PER_ADDRESS_PER_HOUR = 5;
/** Beyond this, one address of the internet is refused: that says nothing about any account. */
export const RESET_REQUESTS_PER_IP_PER_HOUR = 30;
/** Every answer to a reset request takes at least this long, so the work done for a known address does not show. */
const RESET_ANSWER_MS = 250;

const CHANGE_WINDOW = 15 * 60;
/** Attempts to change the password per account and quarter of an hour (each one checks the current password). */
export const PASSWORD_CHANGES_PER_WINDOW = 10;

function tooManyRequests(text: Text): AppError {
  return new AppError('RATE_LIMITED', text);
}

/** Sends a reset link when the address is an active account's; answers nothing either way. */
export async function requestPasswordReset(em: EntityManager, input: { email: string }, meta: RequestMeta): Promise<void> {
  const started = Date.now();
  const email = normalizeEmail(input.email);
  if (!email.includes('@')) {
    // An empty field is asked for; something that is no address says so, as the sign-up form does.
    const errors = new FieldErrors();
    if (email) checkEmail(errors, email);
    else errors.add('email', say('Indiquez l’adresse e-mail de votre compte.', 'Enter the e-mail address of your account.'));
    errors.throwIfAny();
  }
  if ((await hit(em, `reset-ip:${meta.ip}`, HOUR)) > RESET_REQUESTS_PER_IP_PER_HOUR) {
    throw tooManyRequests(
      say(
        'Trop de demandes depuis votre connexion. Réessayez dans une heure.',
        'Too many requests from your connection. Try again in an hour.',
      ),
    );
  }
  const withinBudget = (await hit(em, `reset-email:${email}`, HOUR)) <= RESETS_PER_ADDRESS_PER_HOUR;
  const user = withinBudget ? await em.findOne(User, { email }) : null;
  if (user?.status === AccountStatus.ACTIVE) {
    await em.transactional(async (tx) => {
      await revokeAccountLinks(tx, user.id, AccountLinkPurpose.PASSWORD_RESET);
      const token = await createAccountLink(tx, user, AccountLinkPurpose.PASSWORD_RESET, RESET_VALID_MS);
      await sendAccountEmail(tx, {
        recipientId: user.id,
        to: user.email,
        name: user.displayName,
        lang: languageOf(user),
        subject: say('Choisir un nouveau mot de passe', 'Choose a new password'),
        message: say(
          'Vous avez demandé à changer le mot de passe de votre compte Maillage. Ouvrez ce lien pour en choisir un nouveau : il est valable une heure et ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.',
          'You asked to change the password of your Maillage account. Open this link to choose a new one: it is valid for one hour and works once. If you did not ask for this, ignore this message: your password stays the same.',
        ),
        link: `/mot-de-passe/nouveau/${token}`,
      });
    });
  }
  await answerNoSoonerThan(started, RESET_ANSWER_MS);
}

const INVALID_RESET_LINK = say(
  'Ce lien pour changer de mot de passe n’est pas valable : il a déjà servi, il a été remplacé par un plus récent, ou il a expiré (il vaut une heure). Demandez-en un nouveau avec « Mot de passe oublié ? ».',
  'This password link is not valid: it was already used, replaced by a newer one, or has expired (it lasts one hour). Ask for a new one with “Forgot your password?”.',
);

/** What the page of a reset link shows before the new password is chosen. */
@ObjectType({ simpleResolvers: true, description: 'A live password reset link: whom it is for and until when.' })
export class PasswordResetLink {
  @Field(() => String)
  displayName!: string;

  @Field(() => Date)
  expiresAt!: Date;
}

/** The account a reset link leads to (to greet the person when the page opens), or NOT_FOUND. */
export async function peekPasswordReset(em: EntityManager, token: string): Promise<PasswordResetLink> {
  const link = await peekAccountLink(em, token, AccountLinkPurpose.PASSWORD_RESET, INVALID_RESET_LINK);
  if (link.user.status !== AccountStatus.ACTIVE) throw notFound(INVALID_RESET_LINK);
  return { displayName: link.user.displayName, expiresAt: link.expiresAt };
}

/** Tells the person their password changed, with the way back if it was not them. */
async function sendPasswordChangedNotice(em: EntityManager, user: User, message: Text): Promise<void> {
  await sendAccountEmail(em, {
    recipientId: user.id,
    to: user.email,
    name: user.displayName,
    lang: languageOf(user),
    subject: say('Votre mot de passe a été changé', 'Your password was changed'),
    message,
    link: '/mot-de-passe/oublie',
  });
}

function changedAt(): Text {
  const now = new Date();
  return say(formatParisDateTime(now, 'fr'), formatParisDateTime(now, 'en'));
}

/**
 * Sets the new password from a reset link. The link is used once (locked: of two simultaneous
 * uses, one wins); a refused password leaves it usable. The link proved the address; every
 * session ends and this browser is signed in.
 */
export async function resetPassword(
  em: EntityManager,
  input: { token: string; password: string },
  meta: RequestMeta,
): Promise<{ user: User; token: string; sessionId: string }> {
  return em.transactional(async (tx) => {
    const link = await useAccountLink(tx, input.token, AccountLinkPurpose.PASSWORD_RESET, INVALID_RESET_LINK);
    const user = link.user;
    if (user.status !== AccountStatus.ACTIVE) throw notFound(INVALID_RESET_LINK);
    const errors = new FieldErrors();
    const weakness = passwordWeakness(input.password, passwordContext(user));
    if (weakness) errors.add('password', weakness);
    errors.throwIfAny();

    user.passwordHash = await hashPassword(input.password);
    user.emailVerifiedAt ??= new Date();
    await tx.flush();
    await revokeAccountLinks(tx, user.id, AccountLinkPurpose.PASSWORD_RESET);
    await revokeAllSessions(tx, user.id);
    const { session, token } = await openSession(tx, user, meta);
    const at = changedAt();
    await sendPasswordChangedNotice(
      tx,
      user,
      say(
        `Le mot de passe de votre compte Maillage a été changé le ${at.fr} (heure de Paris), avec un lien « Mot de passe oublié ? ». Vos appareils connectés ont été déconnectés. Si ce n’est pas vous, choisissez tout de suite un nouveau mot de passe avec ce lien et prévenez-nous.`,
        `The password of your Maillage account was changed on ${at.en} (Paris time), with a “Forgot your password?” link. Your signed-in devices were signed out. If this was not you, choose a new password at once with this link and let us know.`,
      ),
    );
    return { user, token, sessionId: session.id };
  });
}

/**
 * "Changer mon mot de passe": the current password first. Each attempt takes its slot in the
 * per-account counter before the password is checked, so simultaneous guesses cannot get past the
 * limit. The other devices are signed out; this one stays signed in.
 */
export async function changePassword(
  em: EntityManager,
  user: User,
  sessionId: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<User> {
  if ((await hit(em, `password-change:${user.id}`, CHANGE_WINDOW)) > PASSWORD_CHANGES_PER_WINDOW) {
    throw tooManyRequests(
      say(
        'Trop de tentatives. Patientez un quart d’heure avant de réessayer.',
        'Too many attempts. Please wait a quarter of an hour before trying again.',
      ),
    );
  }
  const stored = await em.findOneOrFail(User, { id: user.id }, { populate: ['passwordHash'] });
  const errors = new FieldErrors();
  if (!stored.passwordHash || !(await verifyPassword(stored.passwordHash, input.currentPassword))) {
    errors.add('currentPassword', say('Ce n’est pas votre mot de passe actuel.', 'This is not your current password.'));
  }
  const weakness = passwordWeakness(input.newPassword, passwordContext(user));
  if (weakness) errors.add('newPassword', weakness);
  else if (input.newPassword === input.currentPassword) {
    errors.add(
      'newPassword',
      say('Choisissez un mot de passe différent de l’actuel.', 'Choose a password different from the current one.'),
    );
  }
  errors.throwIfAny();

  const passwordHash = await hashPassword(input.newPassword);
  return em.transactional(async (tx) => {
    await tx.nativeUpdate(User, { id: user.id }, { passwordHash });
    await revokeOtherSessions(tx, user.id, sessionId);
    await revokeAccountLinks(tx, user.id, AccountLinkPurpose.PASSWORD_RESET);
    const at = changedAt();
    await sendPasswordChangedNotice(
      tx,
      stored,
      say(
        `Le mot de passe de votre compte Maillage a été changé le ${at.fr} (heure de Paris), depuis la page de votre profil. Vos autres appareils connectés ont été déconnectés. Si ce n’est pas vous, choisissez tout de suite un nouveau mot de passe avec ce lien.`,
        `The password of your Maillage account was changed on ${at.en} (Paris time), from your profile page. Your other signed-in devices were signed out. If this was not you, choose a new password at once with this link.`,
      ),
    );
    return user;
  });
}
