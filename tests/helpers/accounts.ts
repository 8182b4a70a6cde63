import type { EntityManager } from '@mikro-orm/postgresql';
import { openSession, register, type RequestMeta } from '../../server/src/modules/comptes/comptes.service.js';
import { normalizeEmail } from '../../server/src/modules/comptes/email-address.js';
import { verifyEmail } from '../../server/src/modules/comptes/email-verification.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';

export interface AccountEmail {
  subject: string;
  message: string;
  /** The link of the e-mail as queued (a path such as `/inscription/confirmer/<token>`), or null. */
  link: string | null;
}

/** The account e-mails (confirmation links, notices) queued for `to`, oldest first. */
export async function accountEmailsTo(em: EntityManager, to: string): Promise<AccountEmail[]> {
  const rows: Array<{ subject: string; payload: { items: Array<{ message: string; link: string | null }> } }> = await em
    .getConnection()
    .execute(`select subject, payload from email_outbox where to_address = ? and kind = 'account' order by created_at, id`, [
      normalizeEmail(to),
    ]);
  return rows.map((row) => ({ subject: row.subject, message: row.payload.items[0].message, link: row.payload.items[0].link }));
}

/** The token of the latest link starting with `path` e-mailed to `to` (what the person would click). */
export async function linkTokenSentTo(em: EntityManager, to: string, path: string): Promise<string> {
  const links = (await accountEmailsTo(em, to)).map((email) => email.link).filter((link): link is string => !!link?.startsWith(path));
  if (links.length === 0) throw new Error(`no e-mail to ${to} with a link to ${path}`);
  return links[links.length - 1].slice(path.length);
}

/**
 * A member who signed up and confirmed their address the honest way (register, the link from the
 * outbox, verifyEmail), with a session open: `token` goes in the session cookie. `user` belongs to `em`.
 */
export async function createMember(
  em: EntityManager,
  input: { email: string; password: string; displayName: string },
  meta: RequestMeta = { ip: '127.0.0.1' },
): Promise<{ user: User; token: string }> {
  await register(em, input, meta);
  const link = await linkTokenSentTo(em, input.email, '/inscription/confirmer/');
  const { id, token } = await em.transactional(async (tx) => {
    const user = await verifyEmail(tx, link);
    return { id: user.id, token: (await openSession(tx, user, meta)).token };
  });
  return { user: await em.findOneOrFail(User, id, { refresh: true }), token };
}
