import type { EntityManager } from '@mikro-orm/postgresql';
import Bowser from 'bowser';
import { Field, ID, ObjectType } from 'type-graphql';
import { notFound } from '../../graphql/errors.js';
import { say, type Lang } from '../../i18n/lang.js';
import { Session } from './session.entity.js';

/** One signed-in device of "Mes sessions", as the person reads it. */
@ObjectType({ simpleResolvers: true, description: 'A signed-in browser of the person (their own only).' })
export class DeviceSession {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The browser and system in words, e.g. "Firefox sur Windows".' })
  device!: string;

  @Field(() => String, { nullable: true, description: 'The browser, when known (e.g. "Firefox").' })
  browser!: string | null;

  @Field(() => String, { nullable: true, description: 'The system, when known (e.g. "Android").' })
  system!: string | null;

  @Field(() => Date, { description: 'When this device signed in.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'Last activity, to within about 5 minutes.' })
  lastSeenAt!: Date;

  @Field(() => Boolean, { description: 'The device asking (this browser).' })
  current!: boolean;
}

/** What a stored user agent says, in words: "Firefox sur Windows", "Chrome sur Android", "Navigateur inconnu". */
export function describeDevice(
  userAgent: string | null | undefined,
  lang: Lang,
): { device: string; browser: string | null; system: string | null } {
  const parser = userAgent ? Bowser.getParser(userAgent) : null;
  const browser = parser?.getBrowserName() || null;
  const system = parser?.getOSName() || null;
  const words = browser && system ? say(`${browser} sur ${system}`, `${browser} on ${system}`) : null;
  const device = words?.[lang] ?? browser ?? system ?? say('Navigateur inconnu', 'Unknown browser')[lang];
  return { device, browser, system };
}

/** The person's live sessions, the most recently active first (a handful of rows: one statement). */
export async function listSessions(
  em: EntityManager,
  userId: string,
  currentSessionId: string | null,
  lang: Lang,
): Promise<DeviceSession[]> {
  const sessions = await em.find(Session, { user: userId, expiresAt: { $gt: new Date() } }, { orderBy: { lastSeenAt: 'desc', id: 'asc' } });
  return sessions.map((session) => ({
    id: session.id,
    ...describeDevice(session.userAgent, lang),
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    current: session.id === currentSessionId,
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const NO_SUCH_SESSION = say(
  'Cette session n’existe pas ou plus : l’appareil est peut-être déjà déconnecté.',
  'This session does not exist any more: the device may already be signed out.',
);

/**
 * Signs out one of the person's own devices. Another person's session answers exactly like a
 * session that does not exist, so an id reveals nothing.
 */
export async function revokeSession(em: EntityManager, userId: string, sessionId: string): Promise<void> {
  if (!UUID.test(sessionId)) throw notFound(NO_SUCH_SESSION);
  const deleted = await em.nativeDelete(Session, { id: sessionId, user: userId });
  if (deleted === 0) throw notFound(NO_SUCH_SESSION);
}

/** After a password change: every session of the person ends, except the one that made the change. */
export async function revokeOtherSessions(em: EntityManager, userId: string, keptSessionId: string | null): Promise<number> {
  return em.nativeDelete(Session, keptSessionId ? { user: userId, id: { $ne: keptSessionId } } : { user: userId });
}

/** Minutes after signing in during which a person without password may confirm what asks for one (account deletion). */
export const FRESH_SIGN_IN_MINUTES = 10;

/**
 * The session was opened a moment ago: the person just proved who they are (a ProConnect sign-in),
 * which stands for the password an account without one cannot type.
 */
export async function signedInJustNow(em: EntityManager, sessionId: string | null): Promise<boolean> {
  if (!sessionId) return false;
  const session = await em.findOne(Session, { id: sessionId });
  return !!session && session.createdAt.getTime() > Date.now() - FRESH_SIGN_IN_MINUTES * 60_000;
}
