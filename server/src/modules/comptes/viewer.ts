import type { User } from './user.entity.js';

/**
 * Who asks, as most operations need to know them: their id, their role and whether their address is confirmed.
 * The session's row gives it without making the member an entity of the request's EntityManager (MikroORM's
 * mapping was a tenth of a signed-in list's CPU, docs/bench.md); a `User` is a Viewer too, so a read that only
 * needs these takes either. Operations that change the member take the `User` (`@CurrentUser()`).
 */
export type Viewer = Pick<User, 'id' | 'role' | 'emailVerifiedAt'>;
