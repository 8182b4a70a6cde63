import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, FieldErrors, conflict, badInput, notFound } from '../../graphql/errors.js';
import { say, type Text } from '../../i18n/lang.js';
import { sendAccountEmail } from '../commun/notifications/notifications.service.js';
import { AccountLinkPurpose, createAccountLink, revokeAccountLinks, useAccountLink } from './account-links.js';
import { checkEmail, normalizeEmail } from './email-address.js';
import { decoyPasswordHash, verifyPassword } from './password.js';
import { hit } from './rate-limit.js';
import { AccountStatus, languageOf, User } from './user.entity.js';

/**
 * A verified e-mail address: the person proved they receive mail there (docs/architecture.md).
 * Sign-up sends a confirmation link; until it is opened, the `VERIFIED` rule
 * (server/src/graphql/auth.ts) keeps them from publishing. Changing one's address needs the
 * password and a link opened from the new address. No answer here tells whether an address has
 * an account: the owner of a known address gets an e-mail instead.
 *
 * This file imports nothing from comptes.service.ts (which calls it at sign-up): the resolver opens
 * the session after `verifyEmail`.
 */

/** A confirmation link (sign-up or new address) stays valid 48 hours. */
export const EMAIL_LINK_HOURS = 48;
const EMAIL_LINK_MS = EMAIL_LINK_HOURS * 3600 * 1000;
/** "Renvoyer le lien": three an hour per account. */
export const VERIFICATION_RESENDS_PER_HOUR = 3;
/** Attempts to change one's address (a password check each): ten an hour per account. */
export const EMAIL_CHANGE_ATTEMPTS_PER_HOUR = 10;

/** Links come as 43 characters; anything much longer is not one of ours (and is not hashed). */
const MAX_TOKEN_LENGTH = 100;

function tooManyRequests(text: Text): AppError {
  return new AppError('RATE_LIMITED', text);
}

/** "n***@exemple.fr": enough for the owner to recognise an address, not to read it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** The confirmation link of a new account (older ones stop working). Call inside the transaction of the change. */
export async function sendVerificationLink(em: EntityManager, user: User): Promise<void> {
  await revokeAccountLinks(em, user.id, AccountLinkPurpose.EMAIL_VERIFICATION);
  const token = await createAccountLink(em, user, AccountLinkPurpose.EMAIL_VERIFICATION, EMAIL_LINK_MS);
  await sendAccountEmail(em, {
    recipientId: user.id,
    to: user.email,
    name: user.displayName,
    lang: languageOf(user),
    subject: say('Confirmez votre adresse e-mail', 'Confirm your e-mail address'),
    message: say(
      `Bienvenue sur Maillage ! Pour confirmer votre adresse et pouvoir publier, ouvrez ce lien (il reste valable ${EMAIL_LINK_HOURS} heures). Si vous n’avez pas créé de compte, ignorez ce message : sans confirmation, le compte ne peut rien publier.`,
      `Welcome to Maillage! To confirm your address and be able to publish, open this link (valid for ${EMAIL_LINK_HOURS} hours). If you did not create an account, ignore this message: without confirmation, the account cannot publish anything.`,
    ),
    link: `/inscription/confirmer/${token}`,
  });
}

/** Someone signed up with an address that already has an account: its owner is told, nothing is created. */
export async function sendSignUpAttemptNotice(em: EntityManager, owner: User): Promise<void> {
  const pending = owner.status === AccountStatus.PENDING;
  await sendAccountEmail(em, {
    recipientId: owner.id,
    to: owner.email,
    name: owner.displayName,
    lang: languageOf(owner),
    subject: say('Tentative de création de compte', 'Attempt to create an account'),
    message: pending
      ? say(
          'Quelqu’un a essayé de créer un compte Maillage avec votre adresse. Une structure qui vous accompagne vous a déjà ouvert un compte : activez-le avec le lien qu’elle vous a envoyé, ou demandez-lui-en un nouveau. Si ce n’était pas vous, ignorez ce message : rien n’a changé.',
          'Someone tried to create a Maillage account with your address. An organization that supports you already opened an account for you: activate it with the link they sent you, or ask them for a new one. If it was not you, ignore this message: nothing has changed.',
        )
      : say(
          'Quelqu’un a essayé de créer un compte Maillage avec votre adresse. Vous avez déjà un compte : si c’était vous, connectez-vous ou utilisez « Mot de passe oublié ? ». Sinon, ignorez ce message : rien n’a changé.',
          'Someone tried to create a Maillage account with your address. You already have an account: if it was you, sign in or use "Forgot your password?". Otherwise, ignore this message: nothing has changed.',
        ),
    link: pending ? null : '/connexion',
  });
}

/** An organisation opened an account for the person: the activation link goes to their address, never to the organisation. */
export async function sendActivationLink(
  em: EntityManager,
  user: User,
  organizationName: string,
  token: string,
  validDays: number,
): Promise<void> {
  await sendAccountEmail(em, {
    recipientId: user.id,
    to: user.email,
    name: user.displayName,
    lang: languageOf(user),
    subject: say('Activez votre compte Maillage', 'Activate your Maillage account'),
    message: say(
      `${organizationName} vous a ouvert un compte sur Maillage, le réseau de la médiation numérique. Ouvrez ce lien pour choisir votre mot de passe et activer votre compte (il ne sert qu’une fois et reste valable ${validDays} jours). Si vous ne connaissez pas cette structure, ignorez ce message : sans activation, le compte ne sert à rien.`,
      `${organizationName} opened an account for you on Maillage, the digital-mediation network. Open this link to choose your password and activate your account (it works once and stays valid ${validDays} days). If you do not know this organization, ignore this message: without activation, the account does nothing.`,
    ),
    link: `/activation/${token}`,
  });
}

/** An organisation tried to open an account with an address that already has one: its owner is told, nothing is attached. */
export async function sendManagedAccountNotice(em: EntityManager, owner: User, organizationName: string): Promise<void> {
  const pending = owner.status === AccountStatus.PENDING;
  await sendAccountEmail(em, {
    recipientId: owner.id,
    to: owner.email,
    name: owner.displayName,
    lang: languageOf(owner),
    subject: say('Une structure a voulu vous créer un compte', 'An organization wanted to create an account for you'),
    message: pending
      ? say(
          `Une structure (${organizationName}) a voulu vous créer un compte Maillage, mais un compte a déjà été ouvert pour vous avec cette adresse : rien n’a été créé ni rattaché. Activez-le avec le lien reçu, ou demandez-en un nouveau à la structure qui vous l’a ouvert.`,
          `An organization (${organizationName}) wanted to create a Maillage account for you, but an account was already opened for you with this address: nothing was created or attached. Activate it with the link you received, or ask the organization that opened it for a new one.`,
        )
      : say(
          `Une structure (${organizationName}) a voulu vous créer un compte Maillage, mais vous en avez déjà un avec cette adresse : rien n’a été créé ni rattaché. Si vous la connaissez, demandez-lui de vous ajouter comme membre. Sinon, ignorez ce message.`,
          `An organization (${organizationName}) wanted to create a Maillage account for you, but you already have one with this address: nothing was created or attached. If you know them, ask them to add you as a member. Otherwise, ignore this message.`,
        ),
    link: pending ? null : '/connexion',
  });
}

const INVALID_VERIFICATION_LINK = say(
  'Ce lien de confirmation n’est pas valable : il a déjà servi, il a expiré ou un lien plus récent l’a remplacé. Connectez-vous, puis demandez un nouveau lien avec « Renvoyer le lien ».',
  'This confirmation link is not valid: it was already used, it expired or a newer link replaced it. Sign in, then ask for a new link with "Send the link again".',
);

/**
 * The person opened their confirmation link: their address is verified. Call inside a transaction
 * (the link is used once, with the change); the caller signs them in.
 */
export async function verifyEmail(tx: EntityManager, token: string): Promise<User> {
  if (token.length > MAX_TOKEN_LENGTH) throw notFound(INVALID_VERIFICATION_LINK);
  const link = await useAccountLink(tx, token, AccountLinkPurpose.EMAIL_VERIFICATION, INVALID_VERIFICATION_LINK);
  const user = link.user;
  if (user.status === AccountStatus.DELETED) throw notFound(INVALID_VERIFICATION_LINK);
  user.emailVerifiedAt ??= new Date();
  await tx.flush();
  return user;
}

/** "Renvoyer le lien": a new confirmation link to the signed-in member's address; the previous ones stop working. */
export async function resendVerificationEmail(em: EntityManager, user: User): Promise<Text> {
  if (user.emailVerifiedAt) throw conflict(say('Votre adresse e-mail est déjà confirmée.', 'Your e-mail address is already confirmed.'));
  if ((await hit(em, `verify-resend:${user.id}`, 3600)) > VERIFICATION_RESENDS_PER_HOUR) {
    throw tooManyRequests(
      say(
        'Vous avez déjà demandé plusieurs liens : patientez une heure, et regardez aussi dans les courriers indésirables.',
        'You already asked for several links: please wait an hour, and check your spam folder too.',
      ),
    );
  }
  await em.transactional(async (tx) => sendVerificationLink(tx, await tx.findOneOrFail(User, user.id)));
  return say(
    `Un nouveau lien de confirmation vous a été envoyé à ${user.email}. Il reste valable ${EMAIL_LINK_HOURS} heures.`,
    `A new confirmation link was sent to ${user.email}. It stays valid for ${EMAIL_LINK_HOURS} hours.`,
  );
}

const EMAIL_CHANGE_SENT = say(
  'Nous avons envoyé un lien à la nouvelle adresse : ouvrez-le pour confirmer le changement. D’ici là, votre adresse actuelle reste celle du compte.',
  'We sent a link to the new address: open it to confirm the change. Until then, your current address stays the one of the account.',
);

/**
 * A signed-in member asks to use another address. The answer is the same whether the new address
 * is free or taken (its owner only hears that someone tried); the current address is told in both cases.
 */
export async function requestEmailChange(em: EntityManager, user: User, input: { password: string; newEmail: string }): Promise<Text> {
  const newEmail = normalizeEmail(input.newEmail);
  const errors = new FieldErrors();
  checkEmail(errors, newEmail, 'newEmail');
  if (!errors.has('newEmail') && newEmail === user.email)
    errors.add('newEmail', say('C’est déjà l’adresse de votre compte.', 'This is already the address of your account.'));
  if (!input.password) errors.add('password', say('Indiquez votre mot de passe actuel.', 'Enter your current password.'));
  errors.throwIfAny();

  // Counted before the slow password check, atomically: concurrent guesses cannot pass the limit.
  if ((await hit(em, `email-change:${user.id}`, 3600)) > EMAIL_CHANGE_ATTEMPTS_PER_HOUR) {
    throw tooManyRequests(
      say('Trop de tentatives. Patientez une heure avant de réessayer.', 'Too many attempts. Please wait an hour before trying again.'),
    );
  }
  const { passwordHash } = await em.findOneOrFail(User, user.id, { populate: ['passwordHash'] });
  const passwordOk = (await verifyPassword(passwordHash ?? (await decoyPasswordHash()), input.password.normalize('NFC'))) && !!passwordHash;
  if (!passwordOk) throw badInput({ password: say('Mot de passe incorrect.', 'Incorrect password.') });

  await em.transactional(async (tx) => {
    const me = await tx.findOneOrFail(User, user.id);
    const owner = await tx.findOne(User, { email: newEmail });
    if (owner) await sendAddressTakenNotice(tx, owner);
    else {
      await revokeAccountLinks(tx, me.id, AccountLinkPurpose.EMAIL_CHANGE);
      const token = await createAccountLink(tx, me, AccountLinkPurpose.EMAIL_CHANGE, EMAIL_LINK_MS, { newEmail });
      await sendAccountEmail(tx, {
        recipientId: me.id,
        to: newEmail,
        name: me.displayName,
        lang: languageOf(me),
        subject: say('Confirmez votre nouvelle adresse e-mail', 'Confirm your new e-mail address'),
        message: say(
          `Vous avez demandé à utiliser cette adresse pour votre compte Maillage. Ouvrez ce lien pour la confirmer (il reste valable ${EMAIL_LINK_HOURS} heures) ; d’ici là, votre ancienne adresse reste celle du compte. Si ce n’est pas vous, ignorez ce message.`,
          `You asked to use this address for your Maillage account. Open this link to confirm it (valid for ${EMAIL_LINK_HOURS} hours); until then, your former address stays the one of the account. If it was not you, ignore this message.`,
        ),
        link: `/profil/adresse/confirmer/${token}`,
      });
    }
    await sendAccountEmail(tx, {
      recipientId: me.id,
      to: me.email,
      name: me.displayName,
      lang: languageOf(me),
      subject: say('Demande de changement d’adresse e-mail', 'Request to change your e-mail address'),
      message: say(
        `Une demande de changement d’adresse vers ${maskEmail(newEmail)} a été faite sur votre compte Maillage. Si ce n’est pas vous, changez votre mot de passe sans attendre : l’adresse ne change que si le lien envoyé à la nouvelle adresse est ouvert.`,
        `A request to change your address to ${maskEmail(newEmail)} was made on your Maillage account. If it was not you, change your password at once: the address only changes if the link sent to the new address is opened.`,
      ),
      link: '/profil',
    });
  });
  return EMAIL_CHANGE_SENT;
}

/** The owner of an address someone wanted for their own account hears only that. */
async function sendAddressTakenNotice(em: EntityManager, owner: User): Promise<void> {
  await sendAccountEmail(em, {
    recipientId: owner.id,
    to: owner.email,
    name: owner.displayName,
    lang: languageOf(owner),
    subject: say('Tentative d’utiliser votre adresse', 'Attempt to use your address'),
    message: say(
      'Quelqu’un a essayé d’utiliser votre adresse e-mail pour un autre compte Maillage. Votre compte n’a pas changé et rien n’a été fait avec votre adresse ; vous pouvez ignorer ce message.',
      'Someone tried to use your e-mail address for another Maillage account. Your account has not changed and nothing was done with your address; you can ignore this message.',
    ),
    link: null,
  });
}

const INVALID_CHANGE_LINK = say(
  'Ce lien de changement d’adresse n’est pas valable : il a déjà servi, il a expiré ou une demande plus récente l’a remplacé. Refaites la demande depuis votre profil.',
  'This address-change link is not valid: it was already used, it expired or a newer request replaced it. Ask again from your profile.',
);
const ADDRESS_NOW_TAKEN = say(
  'Cette adresse est désormais celle d’un autre compte : votre adresse n’a pas changé. Choisissez-en une autre depuis votre profil.',
  'This address now belongs to another account: your address has not changed. Choose another one from your profile.',
);

/** The link opened from the new address: it becomes the account's address, verified. */
export async function confirmEmailChange(em: EntityManager, token: string): Promise<User> {
  if (token.length > MAX_TOKEN_LENGTH) throw notFound(INVALID_CHANGE_LINK);
  try {
    return await em.transactional(async (tx) => {
      const link = await useAccountLink(tx, token, AccountLinkPurpose.EMAIL_CHANGE, INVALID_CHANGE_LINK);
      const user = link.user;
      if (!link.newEmail || user.status === AccountStatus.DELETED) throw notFound(INVALID_CHANGE_LINK);
      // Free when asked, perhaps not any more: checked again, and the unique index settles a race.
      if ((await tx.count(User, { email: link.newEmail, id: { $ne: user.id } })) > 0) throw conflict(ADDRESS_NOW_TAKEN);
      user.email = link.newEmail;
      user.emailVerifiedAt = new Date();
      await tx.flush();
      // Links sent to the former address, or for another new one, no longer make sense.
      await revokeAccountLinks(tx, user.id, AccountLinkPurpose.EMAIL_VERIFICATION);
      await revokeAccountLinks(tx, user.id, AccountLinkPurpose.EMAIL_CHANGE);
      return user;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict(ADDRESS_NOW_TAKEN);
    throw error;
  }
}
