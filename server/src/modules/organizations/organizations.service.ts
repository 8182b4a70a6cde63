import type { EntityManager } from '@mikro-orm/postgresql';
import { FieldErrors, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { slugify } from '../../shared/slug.js';
import { totalFromRows } from '../../graphql/connection.js';
import { createActivationToken, normalizeEmail } from '../accounts/accounts.service.js';
import { AccountStatus, Role, User } from '../accounts/user.entity.js';
import { Membership, MemberRole } from './membership.entity.js';
import { Organization, OrganizationKind } from './organization.entity.js';

const ORGANIZATION_NOT_FOUND = say("Cette organisation n'existe pas.", 'This organization does not exist.');

export async function findOrganization(em: EntityManager, idOrSlug: { id?: string | null; slug?: string | null }): Promise<Organization | null> {
  if (idOrSlug.id) return em.findOne(Organization, { id: idOrSlug.id });
  if (idOrSlug.slug) return em.findOne(Organization, { slug: idOrSlug.slug });
  return null;
}

export async function getOrganization(em: EntityManager, id: string): Promise<Organization> {
  const organization = await em.findOne(Organization, { id });
  if (!organization) throw notFound(ORGANIZATION_NOT_FOUND);
  return organization;
}

/** The role of `user` in the organization, or null when they are not a member. */
export async function roleIn(em: EntityManager, organizationId: string, user: User | null): Promise<MemberRole | null> {
  if (!user) return null;
  const membership = await em.findOne(Membership, { organization: organizationId, user: user.id });
  return membership?.role ?? null;
}

/** Organization admins (and platform admins) manage the organization. */
export async function requireOrganizationAdmin(em: EntityManager, organizationId: string, user: User): Promise<void> {
  if (user.role === Role.ADMIN) return;
  if ((await roleIn(em, organizationId, user)) !== MemberRole.ADMIN) {
    throw forbidden(say("Seuls les administrateurs de cette organisation peuvent faire cela.", "Only this organization's admins can do this."));
  }
}

/** Admins and editors publish in the name of the organization. */
export async function requireOrganizationEditor(em: EntityManager, organizationId: string, user: User): Promise<void> {
  if (user.role === Role.ADMIN) return;
  const role = await roleIn(em, organizationId, user);
  if (role !== MemberRole.ADMIN && role !== MemberRole.EDITOR) {
    throw forbidden(say("Seuls les administrateurs et éditeurs de cette organisation peuvent faire cela.", "Only this organization's admins and editors can do this."));
  }
}

/** One page of the organizations list, in one SQL statement (plain rows, no entity hydration). */
export async function listOrganizations(
  em: EntityManager,
  filters: { search?: string | null; kind?: OrganizationKind | null },
  limit: number,
  offset: number,
): Promise<{ nodes: Array<Pick<Organization, 'id' | 'name' | 'slug' | 'kind' | 'createdAt' | 'updatedAt'>>; totalCount: number }> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filters.kind) {
    conditions.push('kind = ?');
    params.push(filters.kind);
  }
  if (filters.search?.trim()) {
    conditions.push('immutable_unaccent(name) ilike immutable_unaccent(?)');
    params.push(`%${filters.search.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  }
  const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
  const rows = await em.getConnection().execute<Array<{ id: string; name: string; slug: string; kind: OrganizationKind; created_at: Date; updated_at: Date; total_count: string }>>(
    `select id, name, slug, kind, created_at, updated_at, count(*) over () as total_count
       from organization ${where}
      order by name, id limit ? offset ?`,
    [...params, limit, offset],
  );
  // A page past the end has no row to carry the total: count separately (rare).
  const totalCount =
    rows.length || offset === 0
      ? totalFromRows(rows)
      : Number((await em.getConnection().execute<Array<{ n: string }>>(`select count(*) as n from organization ${where}`, params))[0].n);
  return {
    nodes: rows.map((row) => ({ id: row.id, name: row.name, slug: row.slug, kind: row.kind, createdAt: row.created_at, updatedAt: row.updated_at })),
    totalCount,
  };
}

async function uniqueSlug(em: EntityManager, name: string): Promise<string> {
  const base = slugify(name);
  let slug = base;
  for (let n = 2; (await em.count(Organization, { slug })) > 0; n++) slug = `${base}-${n}`;
  return slug;
}

/** Creates an organization; its creator becomes its first admin. */
export async function createOrganization(
  em: EntityManager,
  creator: User,
  input: { name: string; kind?: OrganizationKind | null },
): Promise<Organization> {
  const name = input.name.trim();
  const errors = new FieldErrors();
  if (name.length < 2) errors.add('name', say("Indiquez le nom de l'organisation.", "Enter the organization's name."));
  if (name.length > 200) errors.add('name', say('Le nom ne peut pas dépasser 200 caractères.', 'The name cannot exceed 200 characters.'));
  errors.throwIfAny();
  const organization = em.create(Organization, { name, slug: await uniqueSlug(em, name), kind: input.kind ?? OrganizationKind.LIEU });
  em.create(Membership, { organization, user: creator, role: MemberRole.ADMIN });
  await em.flush();
  return organization;
}

/** Adds someone to the organization or changes their role. */
export async function setMember(em: EntityManager, organization: Organization, user: User, role: MemberRole): Promise<Membership> {
  const existing = await em.findOne(Membership, { organization, user });
  if (existing) {
    existing.role = role;
    await em.flush();
    return existing;
  }
  const membership = em.create(Membership, { organization, user, role });
  await em.flush();
  return membership;
}

export interface ManagedAccount {
  user: User;
  activationToken: string;
}

/**
 * An organization admin opens an account for a person they tutor. No password travels:
 * the person gets a single-use link and chooses their own.
 */
export async function createManagedAccount(
  em: EntityManager,
  admin: User,
  input: { organizationId: string; displayName: string; email: string },
): Promise<ManagedAccount> {
  const organization = await getOrganization(em, input.organizationId);
  await requireOrganizationAdmin(em, organization.id, admin);
  const email = normalizeEmail(input.email);
  const displayName = input.displayName.trim();
  const errors = new FieldErrors();
  if (displayName.length < 2) errors.add('displayName', say('Indiquez le nom de la personne.', "Enter the person's name."));
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) errors.add('email', say("Cette adresse e-mail n'est pas valide.", 'This e-mail address is not valid.'));
  if (!errors.has('email') && (await em.count(User, { email })) > 0) {
    errors.add('email', say('Un compte existe déjà avec cette adresse e-mail.', 'An account already exists with this e-mail address.'));
  }
  errors.throwIfAny();
  const user = em.create(User, { email, displayName, status: AccountStatus.PENDING, passwordHash: null });
  em.create(Membership, { organization, user, role: MemberRole.MEMBER });
  await em.flush();
  const activationToken = await createActivationToken(em, user, admin);
  return { user, activationToken };
}

export { ORGANIZATION_NOT_FOUND };
