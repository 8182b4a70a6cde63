import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql, whereAll } from '../../db/sql.js';
import {
  countBounded,
  boundedCount,
  afterCursor,
  keysetColumns,
  keysetConnection,
  keysetOrder,
  keysetWindow,
  type Connection,
  type SortKey,
} from '../../graphql/connection.js';
import { FieldErrors, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say, type Text } from '../../i18n/lang.js';
import { slugify } from '../../shared/slug.js';
import { accountColumns, accountFromRow, memberAccounts } from '../comptes/comptes.read.js';
import { AccountLinkPurpose, revokeAccountLinks } from '../comptes/account-links.js';
import { ACTIVATION_DAYS, createActivationToken, createPendingAccount, normalizeEmail } from '../comptes/comptes.service.js';
import { checkEmail } from '../comptes/email-address.js';
import { hit } from '../comptes/rate-limit.js';
import { sendActivationLink, sendManagedAccountNotice } from '../comptes/email-verification.js';
import { AccountStatus, Role, User } from '../comptes/user.entity.js';
import { proConnectSiretOf } from '../comptes/proconnect.service.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { changeImage } from '../fichiers/fichiers.service.js';
import { Membership, MemberRole } from './membership.entity.js';
import { Organization, OrganizationKind } from './organization.entity.js';
import { applyOrganizationFields, checkedOrganizationFields, type OrganizationFieldsInput } from './organization-fields.js';
import { compileOpeningsOf } from './place-openings.js';
import { thisOrganizationAtStart } from './organization-words.js';
import type { Viewer } from '../comptes/viewer.js';

const ORGANIZATION_NOT_FOUND = say('Cette organisation n’existe pas.', 'This organization does not exist.');

export async function findOrganization(
  em: EntityManager,
  idOrSlug: { id?: string | null; slug?: string | null },
): Promise<Organization | null> {
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
export async function roleIn(em: EntityManager, organizationId: string, user: Viewer | null): Promise<MemberRole | null> {
  if (!user) return null;
  const membership = await em.findOne(Membership, { organization: organizationId, user: user.id });
  return membership?.role ?? null;
}

/** The organizations of `user`, by name, with their role. */
export async function membershipsOf(em: EntityManager, user: User): Promise<Membership[]> {
  return em.find(Membership, { user }, { populate: ['organization'], orderBy: { organization: { name: 'asc' } } });
}

/**
 * Admins first, then editors, then members (the role's order), each in the order they joined; the membership's id
 * breaks ties. The order of `membership_members_page_index`, so a page reads its own rows only: by name, every
 * member of the place had to be read and sorted (the name is the account's, in another table).
 */
const MEMBER_ORDER: SortKey[] = [
  { expression: sql`m.role`, direction: 'asc' },
  { expression: sql`m."createdAt"`, direction: 'asc' },
  { expression: sql`m.id`, direction: 'asc' },
];

type MemberRow = { id: string; createdAt: Date; updatedAt: Date; role: MemberRole; total_count: number } & Record<string, unknown>;

/**
 * One keyset page of an organization's members with their accounts, and how many there are (counted up to
 * COUNT_CAP, never over the whole table): one statement (docs/read-models.md), plain rows shaped like
 * `Membership` (its organization is the one asked about).
 */
export async function membersOf(
  em: EntityManager,
  organization: Organization,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<Membership>> {
  const window = keysetWindow(args, MEMBER_ORDER);
  const listed = sql`select 1 from membership ms join ${memberAccounts} u on u.id = ms.user_id where ms.organization_id = ${organization.id}`;
  const rows = await query<MemberRow>(
    em,
    sql`select m.*, ${boundedCount(listed)} as total_count, ${keysetColumns(MEMBER_ORDER)}
          from (select ms.id, ms.created_at as "createdAt", ms.updated_at as "updatedAt", ms.role, ${accountColumns('u', 'user')}
                  from membership ms join ${memberAccounts} u on u.id = ms.user_id
                 where ms.organization_id = ${organization.id}) m
         ${whereAll([afterCursor(MEMBER_ORDER, window)])}
         ${keysetOrder(MEMBER_ORDER)}
         limit ${window.limit + 1}`,
  );
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countBounded(em, listed) : 0;
  const page = keysetConnection(rows, window, total);
  return {
    ...page,
    edges: page.edges.map(({ cursor, node }) => ({
      cursor,
      node: {
        id: node.id,
        createdAt: node.createdAt,
        updatedAt: node.updatedAt,
        role: node.role,
        organization,
        user: accountFromRow(node, 'user'),
      } as Membership,
    })),
  };
}

/** The ids of the organization's admins: whom its requests and news are for. */
export async function adminIdsOf(em: EntityManager, organizationId: string): Promise<string[]> {
  const admins = await em.find(Membership, { organization: organizationId, role: MemberRole.ADMIN }, { fields: ['user'] });
  return admins.map((membership) => membership.user.id);
}

/** The viewer administers the organization (or the platform); false for a visitor. */
export async function isOrganizationAdmin(em: EntityManager, organizationId: string, viewer: Viewer | null): Promise<boolean> {
  if (!viewer) return false;
  return viewer.role === Role.ADMIN || (await roleIn(em, organizationId, viewer)) === MemberRole.ADMIN;
}

/** Organization admins (and platform admins) manage the organization. */
export async function requireOrganizationAdmin(em: EntityManager, organizationId: string, user: User): Promise<void> {
  if (!(await isOrganizationAdmin(em, organizationId, user))) {
    throw forbidden(
      say('Seuls les administrateurs de cette organisation peuvent faire cela.', "Only this organization's admins can do this."),
    );
  }
}

/** Admins and editors publish in the name of the organization. */
export async function requireOrganizationEditor(em: EntityManager, organizationId: string, user: User): Promise<void> {
  if (user.role === Role.ADMIN) return;
  const role = await roleIn(em, organizationId, user);
  if (role !== MemberRole.ADMIN && role !== MemberRole.EDITOR) {
    throw forbidden(
      say(
        'Seuls les administrateurs et éditeurs de cette organisation peuvent faire cela.',
        "Only this organization's admins and editors can do this.",
      ),
    );
  }
}

async function uniqueSlug(em: EntityManager, name: string): Promise<string> {
  const base = slugify(name);
  let slug = base;
  for (let n = 2; (await em.count(Organization, { slug })) > 0; n++) slug = `${base}-${n}`;
  return slug;
}

/** The input fields of the uploaded logo, named in the refusals. */
const LOGO_FIELDS = { file: 'logoFileId', alt: 'logoAlt' };

/** Creates an organization; its creator becomes its first admin. Its standard fields are checked like every write. */
export async function createOrganization(
  em: EntityManager,
  creator: User,
  input: { name: string; kind?: OrganizationKind | null } & OrganizationFieldsInput,
): Promise<Organization> {
  const { name, kind, logoFileId, logoAlt, ...rest } = input;
  const fields = checkedOrganizationFields({ ...rest, name });
  const logo = await changeImage(em, creator, { fileId: logoFileId, alt: logoAlt, current: { fileId: null, alt: null } }, LOGO_FIELDS);
  const organization = em.create(Organization, {
    name: fields.name!,
    slug: await uniqueSlug(em, fields.name!),
    kind: kind ?? OrganizationKind.LIEU,
    source: 'Maillage',
  });
  // The standard's `id` of a place created here is its Maillage id.
  organization.standardId = organization.id;
  applyOrganizationFields(organization, fields);
  if (logo) Object.assign(organization, { logoFileId: logo.fileId, logoAlt: logo.alt });
  em.create(Membership, { organization, user: creator, role: MemberRole.ADMIN });
  await em.flush();
  await compileOpeningsOf(em, [organization.id]);
  return organization;
}

/** Changes an organization's page: its admins and editors only. Fields not given are kept; null clears one. */
export async function updateOrganization(
  em: EntityManager,
  actor: User,
  input: { id: string; kind?: OrganizationKind | null } & OrganizationFieldsInput,
): Promise<Organization> {
  const organization = await getOrganization(em, input.id);
  await requireOrganizationEditor(em, organization.id, actor);
  const { id: _id, kind, logoFileId, logoAlt, ...rest } = input;
  const current = { fileId: organization.logoFileId, alt: organization.logoAlt };
  const logo = await changeImage(em, actor, { fileId: logoFileId, alt: logoAlt, current }, LOGO_FIELDS);
  if (logo) Object.assign(organization, { logoFileId: logo.fileId, logoAlt: logo.alt });
  await changePlaceFields(em, organization, rest);
  if (kind) {
    organization.kind = kind;
    await em.flush();
  }
  return organization;
}

/**
 * Checks and writes fields of a place (dated today), as its edit form does: for its editors, and
 * for a suggested correction its deciders accept (place-requests.service.ts). Fields not given are kept.
 */
export async function changePlaceFields(em: EntityManager, organization: Organization, rest: OrganizationFieldsInput): Promise<void> {
  // A position is checked whole: a new latitude goes with the longitude already known, and the reverse.
  if ((rest.latitude === undefined) !== (rest.longitude === undefined)) {
    rest.latitude = rest.latitude === undefined ? (organization.latitude ?? null) : rest.latitude;
    rest.longitude = rest.longitude === undefined ? (organization.longitude ?? null) : rest.longitude;
  }
  // A phone written the local way is read as a number of the place's territory.
  const fields = checkedOrganizationFields(rest, { departement: organization.departement });
  applyOrganizationFields(organization, fields);
  await em.flush();
  // Changed hours or territory are "open now" again at once (the trigger marked them; place-openings.ts).
  await compileOpeningsOf(em, [organization.id]);
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
  displayName: string;
  email: string;
  /** When the activation link sent to the person stops working. */
  expiresAt: Date;
}

/**
 * An organization admin opens an account for a person they tutor. No password travels, and the
 * link never goes through the organisation: it is e-mailed to the person, who chooses their own
 * password (receiving it proves the address). The answer is the same when the address already has
 * an account: nothing is created or attached, and its owner is told by e-mail.
 */
export const MANAGED_ACCOUNT_EMAILS_PER_DAY = 3;

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
  else if (displayName.length > 80)
    errors.add('displayName', say('Le nom ne peut pas dépasser 80 caractères.', 'The name cannot exceed 80 characters.'));
  checkEmail(errors, email);
  errors.throwIfAny();
  const expiresAt = new Date(Date.now() + ACTIVATION_DAYS * 24 * 3600 * 1000);
  try {
    await em.transactional(async (tx) => {
      // A few e-mails a day to one address, whoever asks: beyond, the same answer and nothing sent.
      if ((await hit(tx, `managed-account:${email}`, 24 * 3600)) > MANAGED_ACCOUNT_EMAILS_PER_DAY) return;
      const by = tx.getReference(User, admin.id);
      const owner = await tx.findOne(User, { email });
      if (!owner) {
        const user = createPendingAccount(tx, { email, displayName });
        tx.create(Membership, { organization: tx.getReference(Organization, organization.id), user, role: MemberRole.MEMBER });
        await tx.flush();
        await sendActivationLink(tx, user, organization.name, await createActivationToken(tx, user, by), ACTIVATION_DAYS);
      } else if (
        owner.status === AccountStatus.PENDING &&
        (await tx.count(Membership, { organization: organization.id, user: owner.id })) > 0
      ) {
        // This organisation's own tutored person, not activated yet (the admin sees them among the members): a fresh link.
        await revokeAccountLinks(tx, owner.id, AccountLinkPurpose.ACTIVATION);
        await sendActivationLink(tx, owner, organization.name, await createActivationToken(tx, owner, by), ACTIVATION_DAYS);
      } else {
        await sendManagedAccountNotice(tx, owner, organization.name);
      }
    });
  } catch (error) {
    // The same address opened twice at the same instant: the first one created the account.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
  }
  return { displayName, email, expiresAt };
}

export { ORGANIZATION_NOT_FOUND };

/** "Ce lieu garde toujours au moins un administrateur…": the refusal speaks of the organization by its kind. */
function lastAdmin(kind: OrganizationKind): Text {
  const it = thisOrganizationAtStart(kind);
  return say(
    `${it.fr} garde toujours au moins un administrateur : nommez-en un autre d’abord.`,
    `${it.en} always keeps at least one admin: appoint another one first.`,
  );
}

/**
 * Runs `change` with the organization's admin memberships locked, so two admins demoting each
 * other at the same time cannot leave the organization without any.
 */
async function withAdminsLocked<T>(
  em: EntityManager,
  organizationId: string,
  change: (tx: EntityManager, admins: Membership[]) => Promise<T>,
): Promise<T> {
  return em.transactional(async (tx) => {
    const admins = await tx.find(
      Membership,
      { organization: organizationId, role: MemberRole.ADMIN },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    return change(tx, admins);
  });
}

/** An admin adds a member of the platform to the organization with a role. */
export async function addMember(
  em: EntityManager,
  actor: User,
  input: { organizationId: string; userId: string; role?: MemberRole | null },
): Promise<Membership> {
  const organization = await getOrganization(em, input.organizationId);
  await requireOrganizationAdmin(em, organization.id, actor);
  const user = await em.findOne(User, { id: input.userId });
  if (!user) throw notFound(say('Cette personne n’existe pas.', 'This person does not exist.'));
  if (await em.findOne(Membership, { organization, user })) {
    throw conflict(say('Cette personne fait déjà partie de l’organisation.', 'This person is already a member.'));
  }
  const membership = em.create(Membership, { organization, user, role: input.role ?? MemberRole.MEMBER });
  await em.flush();
  await notify(
    em,
    [user.id],
    {
      kind: 'reseau.member_added',
      text: say(`Vous faites maintenant partie de « ${organization.name} ».`, `You are now a member of "${organization.name}".`),
      link: `/organisations/${organization.slug}`,
    },
    actor.id,
  );
  return membership;
}

/** An admin changes someone's role; the last admin cannot be demoted. */
export async function setMemberRole(
  em: EntityManager,
  actor: User,
  input: { organizationId: string; userId: string; role: MemberRole },
): Promise<Membership> {
  const organization = await getOrganization(em, input.organizationId);
  await requireOrganizationAdmin(em, input.organizationId, actor);
  return withAdminsLocked(em, input.organizationId, async (tx, admins) => {
    const membership = await tx.findOne(
      Membership,
      { organization: input.organizationId, user: input.userId },
      { populate: ['user', 'organization'] },
    );
    if (!membership) throw notFound(say('Cette personne ne fait pas partie de l’organisation.', 'This person is not a member.'));
    const demotesLastAdmin = membership.role === MemberRole.ADMIN && input.role !== MemberRole.ADMIN && admins.length <= 1;
    if (demotesLastAdmin) throw conflict(lastAdmin(organization.kind));
    membership.role = input.role;
    await tx.flush();
    return membership;
  });
}

/** An admin removes a member, or a member leaves; the last admin cannot leave. */
export async function removeMember(em: EntityManager, actor: User, input: { organizationId: string; userId: string }): Promise<boolean> {
  const organization = await getOrganization(em, input.organizationId);
  if (input.userId !== actor.id) await requireOrganizationAdmin(em, input.organizationId, actor);
  return withAdminsLocked(em, input.organizationId, async (tx, admins) => {
    const membership = await tx.findOne(Membership, { organization: input.organizationId, user: input.userId });
    if (!membership) throw notFound(say('Cette personne ne fait pas partie de l’organisation.', 'This person is not a member.'));
    if (membership.role === MemberRole.ADMIN && admins.length <= 1) throw conflict(lastAdmin(organization.kind));
    tx.remove(membership);
    await tx.flush();
    return true;
  });
}

/**
 * After a ProConnect sign-in: the organization of the directory whose SIRET (`pivot`) is the one
 * ProConnect gave for the member, when they are not one of its members yet (else null).
 */
export async function organizationProposedBySiret(em: EntityManager, user: User): Promise<Organization | null> {
  const siret = await proConnectSiretOf(em, user.id);
  if (!siret) return null;
  const organization = await em.findOne(Organization, { pivot: siret }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  if (!organization || (await em.findOne(Membership, { organization, user }))) return null;
  return organization;
}

/**
 * A member joins the organization ProConnect says they work for: only when the SIRET of their
 * ProConnect identity is the organization's `pivot`. They become a plain member; its admins are told.
 */
export async function joinOrganizationBySiret(em: EntityManager, user: User, input: { organizationId: string }): Promise<Membership> {
  const organization = await getOrganization(em, input.organizationId);
  const siret = await proConnectSiretOf(em, user.id);
  if (!siret || organization.pivot !== siret) {
    throw forbidden(
      say(
        'Vous pouvez rejoindre ainsi seulement la structure dont ProConnect indique le SIRET. Demandez à un administrateur de cette structure de vous ajouter.',
        'You can join this way only the organization whose SIRET ProConnect gives. Ask an admin of this organization to add you.',
      ),
    );
  }
  if (await em.findOne(Membership, { organization, user })) {
    throw conflict(say('Vous faites déjà partie de cette structure.', 'You are already a member of this organization.'));
  }
  const membership = em.create(Membership, { organization, user, role: MemberRole.MEMBER });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw conflict(say('Vous faites déjà partie de cette structure.', 'You are already a member of this organization.'));
    throw error;
  }
  const admins = await em.find(Membership, { organization, role: MemberRole.ADMIN });
  await notify(
    em,
    admins.map((admin) => admin.user.id),
    {
      kind: 'reseau.member_joined',
      text: say(
        `${user.displayName} a rejoint « ${organization.name} » avec ProConnect (même SIRET que la structure).`,
        `${user.displayName} joined "${organization.name}" with ProConnect (same SIRET as the organization).`,
      ),
      link: `/organisations/${organization.slug}`,
    },
    user.id,
  );
  return membership;
}
