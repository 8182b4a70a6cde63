import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../db/sql.js';
import { isAdmin } from '../../graphql/auth.js';
import { AppError, forbidden } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { CharterSettings } from './charter-settings.entity.js';

/** Where the refusal sends people: the charter page, with its sign button. */
export const CHARTER_LINK = '/charte';

export async function readSettings(em: EntityManager): Promise<{ signatureRequiredToPublish: boolean }> {
  const settings = await em.findOne(CharterSettings, { id: 1 });
  return { signatureRequiredToPublish: settings?.signatureRequiredToPublish ?? false };
}

export async function updateSettings(em: EntityManager, admin: User, input: { signatureRequiredToPublish: boolean }) {
  if (!isAdmin(admin))
    throw forbidden(
      say('Seuls les administrateurs de la plateforme règlent la charte.', 'Only platform admins change the charter settings.'),
    );
  // One row; upsert so two admins saving at once do not collide.
  await execute(
    em,
    sql`insert into charter_settings (id, signature_required_to_publish, updated_at, updated_by_id) values (1, ${input.signatureRequiredToPublish}, now(), ${admin.id})
     on conflict (id) do update set signature_required_to_publish = excluded.signature_required_to_publish, updated_at = now(), updated_by_id = excluded.updated_by_id`,
  );
  return readSettings(em);
}

/** Whether the charter lets this person publish now (always, unless the setting is on and they have not signed the current version). */
export async function charterAllowsPublishing(em: EntityManager, user: User): Promise<boolean> {
  const [row] = await query<{ required: boolean; signed: boolean; published: boolean }>(
    em,
    sql`select coalesce((select signature_required_to_publish from charter_settings where id = 1), false) as required,
       exists (select 1 from charter_version) as published,
       exists (
         select 1 from charter_signature s
         where s.signer_id = ${user.id} and s.withdrawn_at is null
           and s.version_id = (select id from charter_version order by number desc limit 1)
       ) as signed`,
  );
  return !row.required || !row.published || row.signed;
}

/**
 * The one check the sections that publish (agenda events, time-bank posts, projects) call in their
 * publish/create rule: when the platform requires it, the person must have signed the current version
 * (in their own name, or for an organization). Refused with FORBIDDEN and `extensions.link` = "/charte".
 */
export async function assertCharterSignedIfRequired(em: EntityManager, user: User): Promise<void> {
  if (await charterAllowsPublishing(em, user)) return;
  throw new AppError(
    'FORBIDDEN',
    say(
      'Pour publier, signez d’abord la version en vigueur de la charte du réseau (page « Charte »).',
      'To publish, first sign the current version of the network charter (the "Charter" page).',
    ),
    {},
    { link: CHARTER_LINK },
  );
}
