import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, forbidden } from '../../../graphql/errors.js';
import { say } from '../../../i18n/lang.js';
import { hit } from '../../comptes/rate-limit.js';
import { AccountStatus, Role, type User } from '../../comptes/user.entity.js';

/** How much a member may publish, per kind of post (question, answer, offer, report…). */
export interface PostingLimits {
  /** An account younger than this is "new". */
  newAccountDays: number;
  newPerHour: number;
  newPerDay: number;
  /** Every account: a flood guard. */
  perHour: number;
}

export const POSTING_LIMITS: PostingLimits = { newAccountDays: 7, newPerHour: 5, newPerDay: 20, perHour: 60 };

/**
 * Call it in every "publish" rule before writing: `await assertCanPost(em, user, 'entraide.question')`.
 * New accounts (first week) publish a few times an hour, to slow down spam without stopping a
 * real newcomer; moderators and admins are not limited. Counters live in PostgreSQL (rate_limit),
 * so the limit holds across app processes.
 */
export async function assertCanPost(em: EntityManager, user: User, kind: string, limits: PostingLimits = POSTING_LIMITS): Promise<void> {
  if (user.status !== AccountStatus.ACTIVE)
    throw forbidden(say('Votre compte ne peut pas publier pour le moment.', 'Your account cannot publish at the moment.'));
  if (user.role === Role.MODERATOR || user.role === Role.ADMIN) return;
  const isNew = Date.now() - user.createdAt.getTime() < limits.newAccountDays * 24 * 3600 * 1000;
  const hourly = await hit(em, `post:${kind}:${user.id}:hour`, 3600);
  if (isNew) {
    const daily = await hit(em, `post:${kind}:${user.id}:day`, 24 * 3600);
    if (hourly > limits.newPerHour || daily > limits.newPerDay) {
      throw new AppError(
        'RATE_LIMITED',
        say(
          `Bienvenue ! Pendant leur première semaine, les nouveaux comptes publient au plus ${limits.newPerHour} fois par heure et ${limits.newPerDay} fois par jour. Vous pourrez continuer un peu plus tard.`,
          `Welcome! During their first week, new accounts publish at most ${limits.newPerHour} times an hour and ${limits.newPerDay} times a day. You can go on a little later.`,
        ),
      );
    }
  } else if (hourly > limits.perHour) {
    throw new AppError(
      'RATE_LIMITED',
      say(
        `Vous avez publié ${limits.perHour} fois dans l’heure : patientez un peu avant de continuer.`,
        `You published ${limits.perHour} times this hour: please wait a little before going on.`,
      ),
    );
  }
}
