import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { query, queryOne, sql, whereAll, type Sql } from '../../db/sql.js';
import { keysetWindow, type Connection, keysetPage, mapNodes, type SortKey } from '../../graphql/connection.js';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { isDepartement, normalizeDepartement } from '../../shared/territory.js';
import { hasProfile } from '../comptes/comptes.read.js';
import type { User } from '../comptes/user.entity.js';
import { MemberRole } from '../reseau/membership.entity.js';
import { roleIn, getOrganization } from '../reseau/organisations.service.js';
import { CharterSignature } from './charter-signature.entity.js';
import { SignerKind, type CharterSignatory, type MyCharterStatus, type SignatoryCount, type SignerKindCount } from './charte.types.js';
import { currentVersion, diffVersions, NOT_PUBLISHED } from './versions.service.js';
import { isUuid } from './ids.js';

const ONLY_ORGANIZATION_ADMINS = say(
  'Seuls les administrateurs de cette organisation peuvent signer ou retirer sa signature.',
  "Only this organization's admins can sign or withdraw its signature.",
);

/** Organization admins sign for it; a platform admin who is not one of them does not. */
async function requireAdminOf(em: EntityManager, organizationId: string, user: User): Promise<void> {
  if (!isUuid(organizationId)) throw notFound(say('Cette organisation n’existe pas.', 'This organization does not exist.'));
  await getOrganization(em, organizationId);
  if ((await roleIn(em, organizationId, user)) !== MemberRole.ADMIN) throw forbidden(ONLY_ORGANIZATION_ADMINS);
}

/**
 * Signs the current version, in the member's own name or on behalf of an organization they administer.
 * A second signature of the same version is refused; a withdrawn one is brought back.
 */
export async function signCharter(
  em: EntityManager,
  user: User,
  input: { organizationId?: string | null; departement?: string | null },
): Promise<string> {
  const version = await currentVersion(em);
  if (!version) throw notFound(NOT_PUBLISHED);
  const organizationId = input.organizationId ?? null;
  let departement = user.departement ?? null;
  if (organizationId) {
    await requireAdminOf(em, organizationId, user);
    if (input.departement) {
      departement = normalizeDepartement(input.departement);
      if (!departement || !isDepartement(departement)) {
        throw badInput({
          departement: say('Indiquez un numéro de département, par exemple 44 ou 2A.', 'Enter a département code, e.g. 44 or 2A.'),
        });
      }
    }
  }
  const existing = await em.findOne(
    CharterSignature,
    organizationId ? { version, organization: organizationId } : { version, signer: user.id, organization: null },
  );
  if (existing && !existing.withdrawnAt) {
    throw conflict(
      organizationId
        ? say(
            `Cette organisation a déjà signé la version ${version.number} de la charte.`,
            `This organization already signed version ${version.number} of the charter.`,
          )
        : say(
            `Vous avez déjà signé la version ${version.number} de la charte.`,
            `You already signed version ${version.number} of the charter.`,
          ),
    );
  }
  try {
    if (existing) {
      Object.assign(existing, { withdrawnAt: null, signedAt: new Date(), signer: user, departement });
      await em.flush();
      return existing.id;
    }
    const signature = em.create(CharterSignature, {
      version,
      signer: user,
      organization: organizationId,
      departement,
      signedAt: new Date(),
    });
    await em.flush();
    return signature.id;
  } catch (error) {
    // Two clicks at once: the unique index lets one through.
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict(
        say(
          `Cette signature de la version ${version.number} est déjà enregistrée.`,
          `This signature of version ${version.number} is already recorded.`,
        ),
      );
    }
    throw error;
  }
}

/** Withdraws the member's own signature, or the organization's (every version): they leave the list. */
export async function withdrawSignature(em: EntityManager, user: User, input: { organizationId?: string | null }): Promise<number> {
  const organizationId = input.organizationId ?? null;
  if (organizationId) await requireAdminOf(em, organizationId, user);
  const withdrawn = await em.nativeUpdate(
    CharterSignature,
    organizationId ? { organization: organizationId, withdrawnAt: null } : { signer: user.id, organization: null, withdrawnAt: null },
    { withdrawnAt: new Date() },
  );
  if (withdrawn === 0) {
    throw notFound(
      organizationId
        ? say('Cette organisation n’a pas de signature à retirer.', 'This organization has no signature to withdraw.')
        : say('Vous n’avez pas de signature à retirer.', 'You have no signature to withdraw.'),
    );
  }
  return withdrawn;
}

/**
 * The latest signature of each signatory (a person in their own name, or an organization),
 * not withdrawn.
 */
const LATEST_SIGNATURES = sql`
  with latest as (
    select distinct on (coalesce(s.organization_id, s.signer_id))
      s.id, s.signer_id, s.organization_id, s.departement, s.signed_at, v.number as version_number
    from charter_signature s join charter_version v on v.id = s.version_id
    where s.withdrawn_at is null
    order by coalesce(s.organization_id, s.signer_id), v.number desc
  ), current_version as (select max(number) as number from charter_version)
  select l.*, u.display_name as signer_name, ${hasProfile('u')} as signer_has_profile, o.name as organization_name, o.slug as organization_slug,
    case when l.organization_id is null then 'person' else 'organization' end as kind,
    l.version_number = (select number from current_version) as signed_current
  from latest l join member_card u on u.id = l.signer_id left join organization_card o on o.id = l.organization_id`;

interface SignatoryFilters {
  departement?: string | null;
  kind?: SignerKind | null;
  versionNumber?: number | null;
  search?: string | null;
}

function whereClause(filters: SignatoryFilters, withTerritoryAndKind: boolean): Sql {
  // What the person typed is matched as written: LIKE's own wildcards in it are escaped.
  const search = filters.search?.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  return whereAll([
    filters.versionNumber != null && sql`version_number = ${filters.versionNumber}`,
    !!search &&
      sql`immutable_unaccent(lower(coalesce(organization_name, '') || ' ' || signer_name)) like '%' || immutable_unaccent(lower(${search})) || '%'`,
    withTerritoryAndKind && !!filters.departement && sql`departement = ${normalizeDepartement(filters.departement)}`,
    withTerritoryAndKind && !!filters.kind && sql`kind = ${filters.kind}`,
  ]);
}

/** One row of the public list. */
interface SignatoryRow {
  id: string;
  signer_id: string;
  organization_id: string | null;
  departement: string | null;
  signed_at: string | Date;
  version_number: number;
  signer_name: string;
  signer_has_profile: boolean;
  organization_name: string | null;
  organization_slug: string | null;
  kind: string;
  signed_current: boolean;
}

function toSignatory(row: SignatoryRow): CharterSignatory {
  return {
    id: row.id,
    kind: row.kind as SignerKind,
    name: row.organization_name ?? row.signer_name,
    signer: { id: row.signer_id, displayName: row.signer_name, hasProfile: row.signer_has_profile },
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    organizationSlug: row.organization_slug,
    departement: row.departement,
    versionNumber: row.version_number,
    signedCurrentVersion: row.signed_current,
    signedAt: new Date(row.signed_at),
  };
}

/** Newest signatures first; the id breaks ties between signatures of the same instant. */
const SIGNATORY_ORDER: SortKey[] = [
  { expression: sql`n.signed_at`, direction: 'desc' },
  { expression: sql`n.id`, direction: 'asc' },
];

/** A page of the public list (keyset), newest signatures first, in one statement. */
export async function listSignatories(
  em: EntityManager,
  filters: SignatoryFilters,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<CharterSignatory>> {
  const window = keysetWindow(args, SIGNATORY_ORDER);
  const listed = sql`select * from (${LATEST_SIGNATURES}) signatory ${whereClause(filters, true)}`;
  const page = await keysetPage<SignatoryRow & { total_count: number }>(em, listed, SIGNATORY_ORDER, window);
  return mapNodes(page, toSignatory);
}

/** Counts per département and per kind, in one statement (filters other than département and kind apply). */
export async function countSignatories(
  em: EntityManager,
  filters: SignatoryFilters,
): Promise<{ byDepartement: SignatoryCount[]; byKind: SignerKindCount[] }> {
  const rows = await query<{ departement: string | null; kind: string | null; by_departement: boolean; count: number }>(
    em,
    sql`select departement, kind, grouping(departement) = 0 as by_departement, count(*)::int as count
     from (${LATEST_SIGNATURES}) signatory ${whereClause(filters, false)}
     group by grouping sets ((departement), (kind))
     order by count desc, departement nulls last, kind`,
  );
  return {
    byDepartement: rows.filter((row) => row.by_departement).map((row) => ({ departement: row.departement, count: row.count })),
    byKind: rows.filter((row) => !row.by_departement).map((row) => ({ kind: row.kind as SignerKind, count: row.count })),
  };
}

/** The counts of the public list, run only when first asked for (a page that does not show them costs nothing). */
export function lazySignatoryCounts(em: EntityManager, filters: SignatoryFilters): () => ReturnType<typeof countSignatories> {
  let counts: ReturnType<typeof countSignatories> | undefined;
  return () => (counts ??= countSignatories(em, filters));
}

/** One signature as shown in the list (e.g. right after signing). */
export async function signatoryOf(em: EntityManager, signatureId: string): Promise<CharterSignatory> {
  const row = await queryOne<SignatoryRow>(
    em,
    sql`select s.id, s.signer_id, s.organization_id, s.departement, s.signed_at, v.number as version_number,
       u.display_name as signer_name, ${hasProfile('u')} as signer_has_profile, o.name as organization_name, o.slug as organization_slug,
       case when s.organization_id is null then 'person' else 'organization' end as kind,
       v.number = (select max(number) from charter_version) as signed_current
     from charter_signature s join charter_version v on v.id = s.version_id
     join member_card u on u.id = s.signer_id left join organization_card o on o.id = s.organization_id
     where s.id = ${signatureId}`,
  );
  if (!row) throw notFound();
  return toSignatory(row);
}

/** Whether the user signed the current version (in their own name or for an organization). */
export async function hasSignedCurrent(em: EntityManager, userId: string): Promise<boolean> {
  const [row] = await query<{ signed: boolean }>(
    em,
    sql`select exists (
       select 1 from charter_signature s
       where s.signer_id = ${userId} and s.withdrawn_at is null
         and s.version_id = (select id from charter_version order by number desc limit 1)
     ) as signed`,
  );
  return row.signed;
}

/** Where the signed-in member stands: what they signed, whether a new version awaits them, and what changed. */
export async function myStatus(em: EntityManager, user: User, canPublish: boolean): Promise<MyCharterStatus> {
  const version = await currentVersion(em);
  const [own] = await query<{ number: number | null }>(
    em,
    sql`select max(v.number) as number from charter_signature s join charter_version v on v.id = s.version_id
     where s.signer_id = ${user.id} and s.organization_id is null and s.withdrawn_at is null`,
  );
  const administered = await query<{ id: string; name: string; signed_version: number | null }>(
    em,
    sql`select o.id, o.name,
       (select max(v.number) from charter_signature s join charter_version v on v.id = s.version_id
        where s.organization_id = o.id and s.withdrawn_at is null) as signed_version
     from organization_member m join organization_card o on o.id = m.organization_id
     where m.user_id = ${user.id} and m.role = ${MemberRole.ADMIN} order by o.name`,
  );
  const signedVersion = own?.number ?? null;
  const signedCurrent = !!version && signedVersion === version.number;
  const newVersionAwaitsSignature = !!version && signedVersion != null && signedVersion < version.number;
  return {
    currentVersion: version?.number ?? null,
    signedVersion,
    signedCurrent,
    newVersionAwaitsSignature,
    changesSinceSigned: newVersionAwaitsSignature ? await diffVersions(em, signedVersion!, version!.number) : null,
    canAmend: signedCurrent || (!!version && (await hasSignedCurrent(em, user.id))),
    canPublish,
    organizations: administered.map((row) => ({ organizationId: row.id, organizationName: row.name, signedVersion: row.signed_version })),
  };
}
