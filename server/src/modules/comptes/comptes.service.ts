import { UniqueConstraintViolationException, wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryOne, sql, type Sql } from '../../db/sql.js';
import { AppError, FieldErrors, badInput, conflict, notFound } from '../../graphql/errors.js';
import { say, type Lang } from '../../i18n/lang.js';
import { formatParisDateTime } from '../../shared/local-time.js';
import { recordAudit } from '../commun/moderation/audit.service.js';
import { ensureTags, spellTags } from '../mots-cles/mots-cles.service.js';
import { UNKNOWN_DEPARTEMENT, isDepartement, normalizeDepartement } from '../../shared/territory.js';
import { AccountLinkPurpose, createAccountLink, peekAccountLink, useAccountLink } from './account-links.js';
import { checkEmail, normalizeEmail } from './email-address.js';
import { sendSignUpAttemptNotice, sendVerificationLink } from './email-verification.js';
import { decoyPasswordHash, hashPassword, passwordContext, passwordWeakness, verifyPassword } from './password.js';
import { hit } from './rate-limit.js';
import { answerNoSoonerThan } from './same-time.js';
import { takeSignInAttempt } from './sign-in-throttle.js';
import { Session } from './session.entity.js';
import { hashToken, newToken } from './tokens.js';
import { AccountStatus, type Metier, Role, User } from './user.entity.js';
import type { Viewer } from './viewer.js';
import { changeImage } from '../fichiers/fichiers.service.js';
import { communeSpelling } from '../../shared/communes.js';

export const SESSION_DAYS = 30;

export interface RequestMeta {
  ip: string;
  userAgent?: string;
  /** The language of the request: a new account's e-mails start in it. */
  lang?: Lang;
}

export { normalizeEmail };

function checkDisplayName(errors: FieldErrors, displayName: string): void {
  if (displayName.length < 2)
    errors.add('displayName', say('Indiquez votre nom (au moins 2 caractères).', 'Enter your name (at least 2 characters).'));
  else if (displayName.length > 80)
    errors.add('displayName', say('Le nom ne peut pas dépasser 80 caractères.', 'The name cannot exceed 80 characters.'));
}

/** An account already uses this (normalized) address. */
export async function emailTaken(em: EntityManager, email: string): Promise<boolean> {
  return (await em.count(User, { email })) > 0;
}

/** Opens a session for `user` and returns the token to put in the cookie. */
export async function openSession(em: EntityManager, user: User, meta: RequestMeta): Promise<{ session: Session; token: string }> {
  const token = newToken();
  const session = em.create(Session, {
    tokenHash: hashToken(token),
    user,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  await em.flush();
  return { session, token };
}

/**
 * A signed-in browser as a request knows it: the session's row (not an entity: nothing of it is changed) and its
 * member. `user` is made a managed entity when first read: a list that never asks who reads it (most reads) does
 * not pay for the entity (a twentieth of such a request's time, docs/bench.md).
 */
export interface SignedInSession {
  id: string;
  expiresAt: Date;
  lastSeenAt: Date;
  /** The member's account status, read without making the entity. */
  userStatus: AccountStatus;
  /** Who they are for a read (id, role, confirmed address): the entity once made, else the row's. */
  readonly viewer: Viewer;
  readonly user: User;
}

/** The signed-in user behind a cookie token, or null (unknown, expired or revoked). */
export async function findSession(em: EntityManager, token: string): Promise<SignedInSession | null> {
  const session = await loadSession(em, hashToken(token));
  if (!session) return null;
  // A suspended or deleted account has no session left; this guards against one opened at the same moment.
  if (session.expiresAt.getTime() < Date.now() || session.userStatus !== AccountStatus.ACTIVE) {
    await em.nativeDelete(Session, { id: session.id });
    return null;
  }
  await touchSession(em, session);
  return session;
}

/** The columns a plain load of the user reads (its lazy ones aside), from its metadata: `u."id" as "u__id"…`. */
function userColumns(em: EntityManager): { list: Sql; names: string[] } {
  const names = em
    .getMetadata()
    .get(User.name)
    .props.filter(
      (prop) => !prop.lazy && prop.persist !== false && prop.fieldNames?.length === 1 && (prop.kind === 'scalar' || prop.kind === 'm:1'),
    )
    .map((prop) => prop.fieldNames[0]);
  return { list: sql.raw(names.map((name) => `u."${name}" as "u__${name}"`).join(', ')), names };
}

let loadedUserColumns: ReturnType<typeof userColumns> | undefined;

/**
 * The session of a token hash with its user, the user a managed entity of `em`: one statement through the SQL
 * gateway (what `em.findOne(Session, …, { populate: ['user'] })` asks, without building the query on every
 * request — every signed-in request pays this lookup, docs/bench.md), prepared: PostgreSQL parsed and planned its
 * long column list for each request. The session stays a plain row: making it an entity too cost as much as the
 * user, and a request only reads it.
 */
async function loadSession(em: EntityManager, tokenHash: string): Promise<SignedInSession | null> {
  loadedUserColumns ??= userColumns(em);
  const { list, names } = loadedUserColumns;
  // Its two times as epoch milliseconds: the connections hand timestamps over as text, for MikroORM to read.
  const row = await queryOne<
    Record<string, unknown> & { s__id: string; s__expires_at: number; s__last_seen_at: number; s__email_verified_at: number | null }
  >(
    em,
    sql`select s.id as s__id, extract(epoch from s.expires_at)::float8 * 1000 as s__expires_at,
          extract(epoch from s.last_seen_at)::float8 * 1000 as s__last_seen_at,
          extract(epoch from u.email_verified_at)::float8 * 1000 as s__email_verified_at, ${list}
        from user_session s join app_user u on u.id = s.user_id where s.token_hash = ${tokenHash}`.prepared(),
  );
  if (!row) return null;
  const userRow: Record<string, unknown> = {};
  for (const name of names) userRow[name] = row[`u__${name}`];
  const rowViewer: Viewer = {
    id: row.u__id as string,
    role: row.u__role as Role,
    emailVerifiedAt: row.s__email_verified_at === null ? null : new Date(row.s__email_verified_at),
  };
  let user: User | undefined;
  return {
    id: row.s__id,
    expiresAt: new Date(row.s__expires_at),
    lastSeenAt: new Date(row.s__last_seen_at),
    userStatus: row.u__status as AccountStatus,
    get viewer() {
      // Once made, the entity is the truth: the operation may have changed the member.
      return user ?? rowViewer;
    },
    get user() {
      return (user ??= managedOrMapped(em, userRow));
    },
  };
}

/**
 * The member as an entity of `em`: the one it already manages when an operation loaded (and perhaps changed) them
 * before first asking who is signed in — `em.map` would overwrite its changes with the session's older row — else
 * made from that row.
 */
function managedOrMapped(em: EntityManager, userRow: Record<string, unknown>): User {
  const managed = em.getUnitOfWork().getById<User>(User.name, userRow.id as string);
  return managed && wrap(managed).isInitialized() ? managed : em.map(User, userRow);
}

const LAST_SEEN_STEP_MS = 5 * 60 * 1000;

/**
 * "Dernière activité" of "mes sessions": written at most once every 5 minutes per session, not on
 * every request. The condition in the statement keeps simultaneous requests from writing twice.
 */
async function touchSession(em: EntityManager, session: SignedInSession): Promise<void> {
  const now = Date.now();
  if (now - session.lastSeenAt.getTime() < LAST_SEEN_STEP_MS) return;
  await em.nativeUpdate(Session, { id: session.id, lastSeenAt: { $lt: new Date(now - LAST_SEEN_STEP_MS) } }, { lastSeenAt: new Date(now) });
}

/** Sign-ups from one address an hour: a few, then the same answer and no more e-mail to that address. */
export const REGISTER_PER_ADDRESS = 5;

/**
 * Signs up: the answer is the same, and takes about as long, whether the address is new or already
 * has an account (no one learns which addresses are registered). A new address gets an account and
 * a confirmation link (docs/architecture.md); a known one gets an e-mail telling its owner. Nobody
 * is signed in before confirming.
 */
export async function register(
  em: EntityManager,
  input: { email: string; password: string; displayName: string },
  meta: RequestMeta,
): Promise<void> {
  const email = normalizeEmail(input.email);
  const displayName = input.displayName.trim();
  const errors = new FieldErrors();
  checkEmail(errors, email);
  checkDisplayName(errors, displayName);
  const weakness = passwordWeakness(input.password, passwordContext({ email, displayName }));
  if (weakness) errors.add('password', weakness);
  errors.throwIfAny();
  if ((await hit(em, `register:${meta.ip}`, 3600)) > 30) throw tooManyAttempts();
  const started = Date.now();
  // Hashed in both cases, so a known address answers as slowly as a new one.
  const passwordHash = await hashPassword(input.password);
  try {
    await createOrWarn(em, { email, displayName, passwordHash }, meta);
  } finally {
    // A new address costs an account, a link and an e-mail; a known one only an e-mail: same time for both.
    await answerNoSoonerThan(started, REGISTER_ANSWER_MS);
  }
}

/** Answers to a sign-up take at least this long (the slowest case, a new account, takes ~130 ms here). */
const REGISTER_ANSWER_MS = 300;

async function createOrWarn(
  em: EntityManager,
  { email, displayName, passwordHash }: { email: string; displayName: string; passwordHash: string },
  meta: RequestMeta,
): Promise<void> {
  // Keyed by a digest: the counters hold no address.
  if ((await hit(em, `register-address:${hashToken(email)}`, 3600)) > REGISTER_PER_ADDRESS) return;
  try {
    await em.transactional(async (tx) => {
      const owner = await tx.findOne(User, { email });
      if (owner) return sendSignUpAttemptNotice(tx, owner);
      const user = tx.create(User, { email, displayName, passwordHash, locale: meta.lang ?? 'fr' });
      await tx.flush();
      await sendVerificationLink(tx, user);
    });
  } catch (error) {
    // The same address signed up twice at the same instant: the first one created the account.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
  }
}

function tooManyAttempts(): AppError {
  return new AppError(
    'RATE_LIMITED',
    say(
      'Trop de tentatives. Patientez un quart d’heure avant de réessayer.',
      'Too many attempts. Please wait a quarter of an hour before trying again.',
    ),
  );
}

const WRONG_CREDENTIALS = say('Adresse e-mail ou mot de passe incorrect.', 'Incorrect e-mail address or password.');

/**
 * Same answer, and about the same time, for an unknown e-mail and a wrong password.
 * Each attempt takes its slot in the throttle (per account and address, sign-in-throttle.ts)
 * before the password is checked; a stranger's failures never hold back the owner's address.
 */
export async function login(
  em: EntityManager,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<{ user: User; token: string }> {
  const email = normalizeEmail(input.email);
  const attempt = await takeSignInAttempt(em, email, meta.ip);

  const user = await em.findOne(User, { email }, { populate: ['passwordHash'] });
  const passwordHash = user?.passwordHash ?? (await decoyPasswordHash());
  const passwordOk = (await verifyPassword(passwordHash, input.password)) && !!user?.passwordHash;
  if (passwordOk && user?.status === AccountStatus.SUSPENDED) await endSuspensionIfOver(em, user);
  const ok = passwordOk && user?.status === AccountStatus.ACTIVE;
  if (!ok || !user) {
    if (passwordOk && user?.status === AccountStatus.SUSPENDED && user.suspendedUntil) {
      // Only the holder of the password learns that the account is suspended, and until when.
      throw new AppError(
        'FORBIDDEN',
        say(
          `Votre compte est suspendu par la modération jusqu’au ${formatParisDateTime(user.suspendedUntil, 'fr')}. Le motif vous a été envoyé par e-mail.`,
          `Your account is suspended by moderation until ${formatParisDateTime(user.suspendedUntil, 'en')}. The reason was sent to you by e-mail.`,
        ),
      );
    }
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  await attempt.succeeded();
  const { token } = await openSession(em, user, meta);
  return { user, token };
}

/** A suspension ends by itself at `suspendedUntil`: the next sign-in finds the account active again. */
async function endSuspensionIfOver(em: EntityManager, user: User): Promise<void> {
  if (user.suspendedUntil && user.suspendedUntil.getTime() <= Date.now()) {
    user.status = AccountStatus.ACTIVE;
    user.suspendedUntil = null;
    await em.flush();
  }
}

/** Ends one session (this browser). */
export async function logout(em: EntityManager, sessionId: string): Promise<void> {
  await em.nativeDelete(Session, { id: sessionId });
}

/** Ends every session of a person (e.g. after a password change or a suspension). */
export async function revokeAllSessions(em: EntityManager, userId: string): Promise<number> {
  return em.nativeDelete(Session, { user: userId });
}

export interface ProfileChanges {
  displayName?: string | null;
  metier?: Metier | null;
  commune?: string | null;
  departement?: string | null;
  expertiseTags?: string[] | null;
  languages?: string[] | null;
  bio?: string | null;
  showEmail?: boolean | null;
  locale?: string | null;
  avatarFileId?: string | null;
  avatarAlt?: string | null;
}

export async function updateProfile(em: EntityManager, user: User, changes: ProfileChanges): Promise<User> {
  const errors = new FieldErrors();
  if (changes.displayName != null) checkDisplayName(errors, changes.displayName.trim());
  const departement = changes.departement === undefined ? undefined : normalizeDepartement(changes.departement);
  if (departement && !isDepartement(departement)) {
    errors.add('departement', UNKNOWN_DEPARTEMENT);
  }
  if (changes.commune && changes.commune.trim().length > 120)
    errors.add('commune', say('Le nom de commune est trop long.', 'The commune name is too long.'));
  const tags = changes.expertiseTags ? spellTags(changes.expertiseTags) : undefined;
  if (tags && tags.length > 15) errors.add('expertiseTags', say('15 compétences au plus.', 'At most 15 skills.'));
  const languages = changes.languages ? [...new Set(changes.languages.map((l) => l.trim()).filter(Boolean))] : undefined;
  if (languages && languages.length > 10) errors.add('languages', say('10 langues au plus.', 'At most 10 languages.'));
  if (changes.bio && changes.bio.length > 3000)
    errors.add('bio', say('La présentation ne peut pas dépasser 3 000 caractères.', 'The presentation cannot exceed 3,000 characters.'));
  if (changes.locale && changes.locale !== 'fr' && changes.locale !== 'en')
    errors.add('locale', say('Langue inconnue.', 'Unknown language.'));
  errors.throwIfAny();
  const avatar = await changeImage(
    em,
    user,
    { fileId: changes.avatarFileId, alt: changes.avatarAlt, current: { fileId: user.avatarFileId, alt: user.avatarAlt } },
    { file: 'avatarFileId', alt: 'avatarAlt' },
  );
  if (avatar) Object.assign(user, { avatarFileId: avatar.fileId, avatarAlt: avatar.alt });

  if (changes.displayName != null) user.displayName = changes.displayName.trim();
  if (changes.metier !== undefined) user.metier = changes.metier;
  if (changes.commune !== undefined) {
    const commune = changes.commune?.trim() || null;
    user.commune = commune && communeSpelling({ commune });
  }
  if (departement !== undefined) user.departement = departement;
  if (tags) user.expertiseTags = await ensureTags(em, tags);
  if (languages) user.languages = languages;
  if (changes.bio !== undefined) user.bio = changes.bio?.trim() || null;
  if (changes.showEmail != null) user.showEmail = changes.showEmail;
  if (changes.locale) user.locale = changes.locale;
  await em.flush();
  return user;
}

export const ACTIVATION_DAYS = 7;

/** A pending account, without password, that an organisation opens for a person it tutors (saved at the caller's next flush). */
export function createPendingAccount(em: EntityManager, input: { email: string; displayName: string }): User {
  return em.create(User, { email: input.email, displayName: input.displayName, status: AccountStatus.PENDING, passwordHash: null });
}

/** Creates a single-use activation link for a pending account; returns the raw token. */
export async function createActivationToken(em: EntityManager, user: User, createdBy: User | null): Promise<string> {
  return createAccountLink(em, user, AccountLinkPurpose.ACTIVATION, ACTIVATION_DAYS * 24 * 3600 * 1000, { createdBy });
}

const INVALID_LINK = say(
  'Ce lien d’activation n’est pas valable : il a déjà servi ou il a expiré. Demandez-en un nouveau à la structure qui vous accompagne.',
  'This activation link is not valid: it was already used or has expired. Ask the organization that supports you for a new one.',
);

/** The pending account an activation link leads to (to greet the person by name). */
export async function peekActivation(em: EntityManager, token: string): Promise<User> {
  return (await peekAccountLink(em, token, AccountLinkPurpose.ACTIVATION, INVALID_LINK)).user;
}

/** The tutored person chooses their password; the link cannot serve again. Receiving it proves the address. */
export async function activateAccount(
  em: EntityManager,
  input: { token: string; password: string },
  meta: RequestMeta,
): Promise<{ user: User; token: string }> {
  return em.transactional(async (tx) => {
    const activation = await useAccountLink(tx, input.token, AccountLinkPurpose.ACTIVATION, INVALID_LINK);
    const user = activation.user;
    const weakness = passwordWeakness(input.password, passwordContext(user));
    if (weakness) throw badInput({ password: weakness });
    user.passwordHash = await hashPassword(input.password);
    user.status = AccountStatus.ACTIVE;
    user.emailVerifiedAt ??= new Date();
    await tx.flush();
    const { token } = await openSession(tx, user, meta);
    return { user, token };
  });
}

/** Changes a platform role and writes it to the audit log; `actor` null means the command line. */
export async function changeRole(em: EntityManager, actor: User | null, user: User, role: Role): Promise<User> {
  if (!Object.values(Role).includes(role))
    throw badInput({ role: say('Rôle inconnu (member, moderator ou admin).', 'Unknown role (member, moderator or admin).') });
  if (user.role === role) return user;
  if (user.role === Role.ADMIN && (await em.count(User, { role: Role.ADMIN, status: AccountStatus.ACTIVE })) <= 1) {
    throw conflict(
      say(
        'C’est le dernier administrateur : nommez-en un autre avant de lui retirer ce rôle.',
        'This is the last admin: appoint another one first.',
      ),
    );
  }
  const from = user.role;
  user.role = role;
  await em.flush();
  await recordAudit(em, { actorId: actor?.id ?? null, action: 'role.change', targetUserId: user.id, data: { from, to: role } });
  return user;
}

/** `npm run cli -- grant-role <email> <role>` (logged in the audit log as done from the console). */
export async function grantRole(em: EntityManager, email: string, role: Role): Promise<User> {
  if (!Object.values(Role).includes(role))
    throw badInput({ role: say('Rôle inconnu (member, moderator ou admin).', 'Unknown role (member, moderator or admin).') });
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { email: normalizeEmail(email) });
    if (!user) throw notFound(say('Aucun compte avec cette adresse e-mail.', 'No account with this e-mail address.'));
    return changeRole(tx, null, user, role);
  });
}
