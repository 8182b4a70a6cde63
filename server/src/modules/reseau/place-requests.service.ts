/**
 * "Revendiquer ce lieu" and "signaler une erreur": a member asks to manage a place, or suggests
 * corrections of its fields. Who decides: the place's admins; when it
 * has none, the admins of the networks it belongs to; when there are none either, the platform's
 * admins (who may always decide). Everyone else is refused.
 */
import { UniqueConstraintViolationException, type EntityClass, type EntityData, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { asDate, queryOne, sql, type Sql } from '../../db/sql.js';
import { keysetPage, keysetWindow, mapNodes, type Connection, type SortKey } from '../../graphql/connection.js';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { accountColumns, accountFromRow, memberAccounts } from '../comptes/comptes.read.js';
import { hit } from '../comptes/rate-limit.js';
import { proConnectSiretOf } from '../comptes/proconnect.service.js';
import { AccountStatus, Role, User } from '../comptes/user.entity.js';
import { recordAudit, type AuditRecord } from '../commun/moderation/audit.service.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { Membership, MemberRole } from './membership.entity.js';
import type { MembershipRequest } from './membership-request.entity.js';
import { NetworkMembership, NetworkMembershipStatus } from './network-membership.entity.js';
import { Organization } from './organization.entity.js';
import { adminIdsOf, changePlaceFields, getOrganization, roleIn, setMember } from './organisations.service.js';
import type { EditableField, OrganizationFieldsInput } from './organization-fields.js';
import { checkedOrganizationFields } from './organization-fields.js';
import { PlaceClaim, PlaceRequestStatus } from './place-claim.entity.js';
import { PlaceSuggestion, type SuggestedChange } from './place-suggestion.entity.js';
import { FIELD_LABEL, LIST_PROPERTIES, PROPERTY_OF, type PlaceFields } from './standard.js';
import type { Viewer } from '../comptes/viewer.js';

/** The fields a suggestion may change: those of the edit form (organization-fields.ts), in the standard's order. */
export const SUGGESTIBLE_FIELDS = Object.values(PROPERTY_OF).filter(
  (field): field is EditableField => field !== 'standardId' && field !== 'source' && field !== 'dateMaj',
);

/** A few requests a day per person: beyond, the deciders' inboxes would fill faster than they can read. */
export const PLACE_REQUESTS_PER_DAY = 20;

const DAY = 24 * 3600;
const NOT_DECIDER = say(
  'Seuls les administrateurs de ce lieu (ou, s’il n’en a pas, ceux de son réseau ou de Maillage) peuvent répondre à cette demande.',
  "Only this place's admins (or, when it has none, its network's or Maillage's admins) can answer this request.",
);
export const ALREADY_ANSWERED = say('Cette demande a déjà reçu une réponse.', 'This request has already been answered.');
export const REQUEST_NOT_FOUND = say('Cette demande n’existe pas.', 'This request does not exist.');
const TOO_MANY = say(
  'Vous avez envoyé beaucoup de demandes aujourd’hui. Réessayez demain.',
  'You sent many requests today. Please try again tomorrow.',
);

/**
 * Counts one more request about places by this person today (claims, corrections, asking to join): beyond
 * PLACE_REQUESTS_PER_DAY, refused until tomorrow.
 */
export async function countRequestOfToday(em: EntityManager, userId: string): Promise<void> {
  if ((await hit(em, `place-request:${userId}`, DAY)) > PLACE_REQUESTS_PER_DAY) throw conflict(TOO_MANY);
}

export type DeciderLevel = 'place' | 'network' | 'platform';

/** Who decides for a place, and at which level: its admins, else its networks' admins, else the platform's admins. */
export async function decidersOf(em: EntityManager, organizationId: string): Promise<{ level: DeciderLevel; ids: string[] }> {
  const admins = await adminIdsOf(em, organizationId);
  if (admins.length) return { level: 'place', ids: admins };
  const networks = await em.find(
    NetworkMembership,
    { member: organizationId, status: NetworkMembershipStatus.ACCEPTED },
    { fields: ['network'] },
  );
  if (networks.length) {
    const networkAdmins = await em.find(
      Membership,
      { organization: { $in: networks.map((n) => n.network.id) }, role: MemberRole.ADMIN },
      { fields: ['user'] },
    );
    if (networkAdmins.length) return { level: 'network', ids: [...new Set(networkAdmins.map((membership) => membership.user.id))] };
  }
  const platformAdmins = await em.find(User, { role: Role.ADMIN, status: AccountStatus.ACTIVE }, { fields: ['id'] });
  return { level: 'platform', ids: platformAdmins.map((user) => user.id) };
}

/** The viewer may accept or decline the place's claims and suggestions. */
export async function canDecideFor(em: EntityManager, organizationId: string, viewer: Viewer | null): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.role === Role.ADMIN) return true;
  return (await decidersOf(em, organizationId)).ids.includes(viewer.id);
}

async function requireDecider(em: EntityManager, organizationId: string, actor: User): Promise<void> {
  if (!(await canDecideFor(em, organizationId, actor))) throw forbidden(NOT_DECIDER);
}

const requestsLink = (organization: Organization) => `/reseau/demandes?lieu=${encodeURIComponent(organization.slug)}`;

/**
 * An answer about a place, in the moderation log: the place as its content, and its name of the day, which the log's
 * sentence says (organisations.moderation.ts). Claims, corrections and requests to join write it.
 */
export async function recordPlaceAudit(
  em: EntityManager,
  organization: Organization,
  record: Omit<AuditRecord, 'contentType' | 'contentId'>,
): Promise<void> {
  await recordAudit(em, {
    ...record,
    contentType: 'reseau.place',
    contentId: organization.id,
    data: { ...record.data, place: organization.name },
  });
}

/**
 * A member asks to manage a place. When ProConnect gave, for this person, the SIRET that is the
 * place's `pivot`, the claim is accepted at once; otherwise the deciders are told.
 */
export async function claimPlace(
  em: EntityManager,
  user: User,
  input: { organizationId: string; message?: string | null },
): Promise<PlaceClaim> {
  const organization = await getOrganization(em, input.organizationId);
  if ((await roleIn(em, organization.id, user)) === MemberRole.ADMIN) {
    throw conflict(say('Vous administrez déjà ce lieu.', 'You already manage this place.'));
  }
  const message = input.message?.trim() || null;
  const siret = await proConnectSiretOf(em, user.id);
  if (siret && organization.pivot === siret) return claimBySiret(em, user, organization, message);
  if (await em.findOne(PlaceClaim, { organization, user, status: PlaceRequestStatus.PENDING })) throw alreadyClaimed();
  await countRequestOfToday(em, user.id);
  const { ids } = await decidersOf(em, organization.id);
  let claimId: string;
  try {
    // The claim, the deciders' notices and its line in the moderation log are written together, or none of them.
    claimId = await em.transactional(async (tx) => {
      const claim = tx.create(PlaceClaim, {
        organization: tx.getReference(Organization, organization.id),
        user: tx.getReference(User, user.id),
        message,
      });
      await tx.flush();
      await notify(
        tx,
        ids,
        {
          kind: 'reseau.claim_request',
          text: say(
            `${user.displayName} demande à gérer la page de « ${organization.name} ».`,
            `${user.displayName} asks to manage the page of "${organization.name}".`,
          ),
          link: requestsLink(organization),
        },
        user.id,
      );
      await recordPlaceAudit(tx, organization, { actorId: user.id, action: 'reseau.place_claimed' });
      return claim.id;
    });
  } catch (error) {
    // The same claim sent twice at once: the first one stands.
    if (error instanceof UniqueConstraintViolationException) throw alreadyClaimed();
    throw error;
  }
  return em.findOneOrFail(PlaceClaim, { id: claimId }, { populate: ['organization', 'user'] });
}

function alreadyClaimed() {
  return conflict(
    say(
      'Vous avez déjà demandé à gérer ce lieu : votre demande attend une réponse.',
      'You already asked to manage this place: your request is waiting for an answer.',
    ),
  );
}

async function claimBySiret(em: EntityManager, user: User, organization: Organization, message: string | null): Promise<PlaceClaim> {
  const { level, ids } = await decidersOf(em, organization.id);
  const claim = await em.transactional(async (tx) => {
    await tx.nativeUpdate(
      PlaceClaim,
      { organization: organization.id, user: user.id, status: PlaceRequestStatus.PENDING },
      { status: PlaceRequestStatus.WITHDRAWN },
    );
    const accepted = tx.create(PlaceClaim, {
      organization: tx.getReference(Organization, organization.id),
      user: tx.getReference(User, user.id),
      message,
      status: PlaceRequestStatus.ACCEPTED,
      decidedAt: new Date(),
      bySiret: true,
    });
    await tx.flush();
    await setMember(tx, tx.getReference(Organization, organization.id), tx.getReference(User, user.id), MemberRole.ADMIN);
    if (level === 'place') {
      await notify(
        tx,
        ids,
        {
          kind: 'reseau.claim_request',
          text: say(
            `${user.displayName} administre maintenant « ${organization.name} » : ProConnect indique le SIRET de la structure.`,
            `${user.displayName} now manages "${organization.name}": ProConnect gives the organization's SIRET.`,
          ),
          link: `/reseau/lieux/${organization.slug}`,
        },
        user.id,
      );
    }
    await recordPlaceAudit(tx, organization, {
      actorId: user.id,
      action: 'reseau.place_claim_accepted_by_siret',
      targetUserId: user.id,
    });
    return accepted;
  });
  return em.findOneOrFail(PlaceClaim, { id: claim.id }, { populate: ['organization', 'user'] });
}

/** A decider accepts (the claimant becomes an admin of the place) or declines a claim; the claimant is told. */
export async function decidePlaceClaim(em: EntityManager, actor: User, input: { claimId: string; accept: boolean }): Promise<PlaceClaim> {
  const claim = await em.findOne(PlaceClaim, { id: input.claimId }, { populate: ['organization', 'user'] });
  if (!claim) throw notFound(REQUEST_NOT_FOUND);
  await requireDecider(em, claim.organization.id, actor);
  const status = input.accept ? PlaceRequestStatus.ACCEPTED : PlaceRequestStatus.DECLINED;
  const { organization, user } = claim;
  await em.transactional(async (tx) => {
    // Only a pending claim changes: two deciders answering at once cannot both decide.
    const changed = await tx.nativeUpdate(
      PlaceClaim,
      { id: claim.id, status: PlaceRequestStatus.PENDING },
      { status, decidedBy: actor.id, decidedAt: new Date() },
    );
    if (changed === 0) throw conflict(ALREADY_ANSWERED);
    if (input.accept) await setMember(tx, tx.getReference(Organization, organization.id), tx.getReference(User, user.id), MemberRole.ADMIN);
    // The claimant's notice and the answer's line in the moderation log are committed with the answer, or not at all.
    await notify(
      tx,
      [user.id],
      {
        kind: 'reseau.claim_decision',
        text: input.accept
          ? say(
              `Vous gérez maintenant la page de « ${organization.name} » : vous pouvez la modifier.`,
              `You now manage the page of "${organization.name}": you can edit it.`,
            )
          : say(
              `Votre demande pour gérer « ${organization.name} » n’a pas été acceptée.`,
              `Your request to manage "${organization.name}" was declined.`,
            ),
        link: `/reseau/lieux/${organization.slug}`,
      },
      actor.id,
    );
    await recordPlaceAudit(tx, organization, {
      actorId: actor.id,
      action: input.accept ? 'reseau.place_claim_accepted' : 'reseau.place_claim_declined',
      targetUserId: user.id,
    });
  });
  await em.refresh(claim);
  return claim;
}

/** The claimant takes back a claim nobody answered yet. */
export async function withdrawPlaceClaim(em: EntityManager, user: User, input: { claimId: string }): Promise<PlaceClaim> {
  return withdrawOwnRequest(
    em,
    PlaceClaim,
    await em.findOne(PlaceClaim, { id: input.claimId }, { populate: ['organization', 'user'] }),
    user,
  );
}

/**
 * The author of a request about a place (a claim, a request to join) takes it back: only a pending one changes, so an
 * answer given meanwhile stands and the author is told so.
 */
export async function withdrawOwnRequest<T extends PlaceClaim | MembershipRequest>(
  em: EntityManager,
  entity: EntityClass<T>,
  request: T | null,
  user: User,
): Promise<T> {
  if (!request) throw notFound(REQUEST_NOT_FOUND);
  if (request.user.id !== user.id) {
    throw forbidden(say('Seule la personne qui a fait la demande peut la retirer.', 'Only the person who asked can withdraw it.'));
  }
  // Both entities have these columns; MikroORM's types cannot see a property shared by the members of a union.
  const pending = { id: request.id, status: PlaceRequestStatus.PENDING } as FilterQuery<T>;
  const withdrawn = { status: PlaceRequestStatus.WITHDRAWN } as unknown as EntityData<T>;
  const changed = await em.nativeUpdate(entity, pending, withdrawn);
  if (changed === 0) throw conflict(ALREADY_ANSWERED);
  await em.refresh(request);
  return request;
}

/** The viewer's latest claim on the place (pending or answered), or null. */
export async function myClaimOn(em: EntityManager, organizationId: string, viewer: Viewer | null): Promise<PlaceClaim | null> {
  if (!viewer) return null;
  return em.findOne(
    PlaceClaim,
    { organization: organizationId, user: viewer.id, status: { $ne: PlaceRequestStatus.WITHDRAWN } },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
}

/** A suggested change as given: a field and its new value (lists one value a line; empty = cleared). */
export interface SuggestedValue {
  field: string;
  value?: string | null;
}

function wanted(field: EditableField, value: string | null | undefined): unknown {
  const text = value?.trim() ?? '';
  if (LIST_PROPERTIES.has(field)) return text.split(/\r?\n/);
  if (field === 'latitude' || field === 'longitude') return text === '' ? null : text;
  if (field === 'name') return text;
  return text === '' ? null : text;
}

/** Two values of a field are the same (lists in any order, numbers as numbers). */
function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (Array.isArray(v) ? JSON.stringify([...v].sort()) : JSON.stringify(v ?? null));
  return norm(a) === norm(b);
}

/**
 * "Signaler une erreur": a member suggests new values for some fields of a place. Each value is
 * checked as the edit form checks it (same French message next to the field); unchanged fields are
 * left out; the deciders are told.
 */
export async function suggestPlaceChanges(
  em: EntityManager,
  author: User,
  input: { organizationId: string; changes: SuggestedValue[]; comment?: string | null },
): Promise<PlaceSuggestion> {
  const organization = await getOrganization(em, input.organizationId);
  if (input.changes.length > SUGGESTIBLE_FIELDS.length) throw badInput({}, say('Trop de champs.', 'Too many fields.'));
  const given: OrganizationFieldsInput = {};
  for (const { field, value } of input.changes) {
    if (!(SUGGESTIBLE_FIELDS as string[]).includes(field)) {
      throw badInput({ [field]: say('Ce champ ne peut pas être corrigé ainsi.', 'This field cannot be corrected this way.') });
    }
    given[field as EditableField] = wanted(field as EditableField, value);
  }
  const checked = checkedOrganizationFields(given, { departement: organization.departement });
  const changes: Record<string, SuggestedChange> = {};
  for (const field of SUGGESTIBLE_FIELDS) {
    if (!(field in checked)) continue;
    const from = organization[field as keyof PlaceFields] ?? null;
    const to = checked[field as keyof PlaceFields] ?? null;
    if (!sameValue(from, to)) changes[field] = { from, to };
  }
  if (Object.keys(changes).length === 0) {
    throw badInput(
      {},
      say(
        'Vous n’avez rien changé : corrigez au moins un champ avant d’envoyer.',
        'You changed nothing: correct at least one field before sending.',
      ),
    );
  }
  await countRequestOfToday(em, author.id);
  const suggestion = em.create(PlaceSuggestion, { organization, author, changes, comment: input.comment?.trim() || null });
  await em.flush();
  const { ids } = await decidersOf(em, organization.id);
  await notify(
    em,
    ids,
    {
      kind: 'reseau.suggestion',
      text: say(
        `${author.displayName} signale une erreur sur la page de « ${organization.name} ».`,
        `${author.displayName} reports an error on the page of "${organization.name}".`,
      ),
      link: requestsLink(organization),
    },
    author.id,
  );
  return suggestion;
}

/** A decider accepts (the values are written, dated today) or declines a suggestion; its author is told. */
export async function decidePlaceSuggestion(
  em: EntityManager,
  actor: User,
  input: { suggestionId: string; accept: boolean },
): Promise<PlaceSuggestionNode> {
  const suggestion = await em.findOne(PlaceSuggestion, { id: input.suggestionId }, { populate: ['organization'] });
  if (!suggestion) throw notFound(REQUEST_NOT_FOUND);
  const organization = suggestion.organization;
  await requireDecider(em, organization.id, actor);
  const status = input.accept ? PlaceRequestStatus.ACCEPTED : PlaceRequestStatus.DECLINED;
  const authorId = suggestion.author?.id;
  await em.transactional(async (tx) => {
    const changed = await tx.nativeUpdate(
      PlaceSuggestion,
      { id: suggestion.id, status: PlaceRequestStatus.PENDING },
      { status, decidedBy: actor.id, decidedAt: new Date() },
    );
    if (changed === 0) throw conflict(ALREADY_ANSWERED);
    // Accepted, the place's fields change: the notice and the log name it as it is now.
    let place = organization;
    if (input.accept) {
      const values = Object.fromEntries(Object.entries(suggestion.changes).map(([field, change]) => [field, change.to]));
      place = await tx.findOneOrFail(Organization, { id: organization.id });
      // Checked again: the place may have changed since (its territory reads a phone number differently).
      await changePlaceFields(tx, place, values as OrganizationFieldsInput);
    }
    // The author's notice and the answer's line in the moderation log are committed with the answer, or not at all.
    if (authorId) {
      await notify(
        tx,
        [authorId],
        {
          kind: 'reseau.suggestion_decision',
          text: input.accept
            ? say(
                `Merci : votre correction de « ${place.name} » a été acceptée et publiée.`,
                `Thank you: your correction of "${place.name}" was accepted and published.`,
              )
            : say(`Votre correction de « ${place.name} » n’a pas été retenue.`, `Your correction of "${place.name}" was not accepted.`),
          link: `/reseau/lieux/${place.slug}`,
        },
        actor.id,
      );
    }
    await recordPlaceAudit(tx, place, {
      actorId: actor.id,
      action: input.accept ? 'reseau.place_suggestion_accepted' : 'reseau.place_suggestion_declined',
      targetUserId: authorId ?? null,
      data: { fields: Object.keys(suggestion.changes) },
    });
  });
  await em.refresh(suggestion);
  await em.refresh(organization);
  return suggestionById(em, suggestion.id);
}

// ——— What the deciders read ———

/** The viewer decides for the place `p` (SQL over `p.id`): same rule as decidersOf(). */
function decidedBy(viewer: User): Sql {
  const placeAdmins = (who: Sql) => sql`exists (select 1 from membership pa where pa.organization_id = p.id and pa.role = 'admin' ${who})`;
  const networkAdmins = (who: Sql) =>
    sql`exists (select 1 from network_membership nm join membership na on na.organization_id = nm.network_id and na.role = 'admin'
                 where nm.member_id = p.id and nm.status = 'accepted' ${who})`;
  const me = (alias: string) => sql`and ${sql.raw(alias)}.user_id = ${viewer.id}`;
  const mine = sql`(${placeAdmins(me('pa'))} or (not ${placeAdmins(sql.empty)} and ${networkAdmins(me('na'))}))`;
  // A platform admin may decide anything, and lists what nobody else can decide.
  if (viewer.role !== Role.ADMIN) return mine;
  return sql`(${mine} or (not ${placeAdmins(sql.empty)} and not ${networkAdmins(sql.empty)}))`;
}

const OLDEST_FIRST: SortKey[] = [
  { expression: sql`n."createdAt"`, direction: 'asc' },
  { expression: sql`n.id`, direction: 'asc' },
];

type ClaimRow = {
  id: string;
  createdAt: Date | string;
  updatedAt: Date | string;
  status: PlaceRequestStatus;
  message: string | null;
  bySiret: boolean;
  decidedAt: Date | string | null;
  placeId: string;
} & Record<string, unknown>;

/** One page of the pending claims the viewer decides (of one place, or of every place), oldest first. */
export async function claimsToDecide(
  em: EntityManager,
  viewer: User,
  filter: { organizationId?: string | null },
  args: { first?: number | null; after?: string | null },
): Promise<Connection<PlaceClaim>> {
  const window = keysetWindow(args, OLDEST_FIRST);
  const place = filter.organizationId ? sql`and p.id = ${filter.organizationId}` : sql.empty;
  const page = await keysetPage<ClaimRow>(
    em,
    sql`select c.id, c.created_at as "createdAt", c.updated_at as "updatedAt", c.status, c.message, c.by_siret as "bySiret",
               c.decided_at as "decidedAt", p.id as "placeId", ${accountColumns('u', 'user')}
          from place_claim c join organization p on p.id = c.organization_id join ${memberAccounts} u on u.id = c.user_id
         where c.status = 'pending' ${place} and ${decidedBy(viewer)}`,
    OLDEST_FIRST,
    window,
  );
  const places = await placesById(
    em,
    page.edges.map((edge) => edge.node.placeId),
  );
  return mapNodes(
    page,
    (row) =>
      ({
        id: row.id,
        createdAt: asDate(row.createdAt),
        updatedAt: asDate(row.updatedAt),
        status: row.status,
        message: row.message,
        bySiret: row.bySiret,
        decidedAt: row.decidedAt ? asDate(row.decidedAt) : null,
        organization: places.get(row.placeId)!,
        user: accountFromRow(row, 'user'),
      }) as PlaceClaim,
  );
}

async function placesById(em: EntityManager, ids: string[]): Promise<Map<string, Organization>> {
  if (!ids.length) return new Map();
  const places = await em.find(Organization, { id: { $in: [...new Set(ids)] } });
  return new Map(places.map((place) => [place.id, place]));
}

/** A suggestion as GraphQL shows it (place-requests.types.ts). */
export interface PlaceSuggestionNode {
  id: string;
  createdAt: Date;
  status: PlaceRequestStatus;
  comment: string | null;
  decidedAt: Date | null;
  organization: Organization;
  author: User | null;
  changes: Array<{ field: string; label: string; from: string | null; to: string | null }>;
}

type SuggestionRow = {
  id: string;
  createdAt: Date | string;
  status: PlaceRequestStatus;
  comment: string | null;
  decidedAt: Date | string | null;
  placeId: string;
  changes: Record<string, SuggestedChange>;
  has_author: boolean;
} & Record<string, unknown>;

/** A value as people read it: a list one value a line, a number the French way. */
function shown(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length ? value.join('\n') : null;
  if (typeof value === 'number') return String(value).replace('.', ',');
  return String(value);
}

/** One suggestion as GraphQL shows it. */
export async function suggestionById(em: EntityManager, suggestionId: string): Promise<PlaceSuggestionNode> {
  const node = (await suggestionsPage(em, null, { suggestionId }, { first: 1 })).edges[0]?.node;
  if (!node) throw notFound(REQUEST_NOT_FOUND);
  return node;
}

/** One page of the pending suggestions the viewer decides (of one place, or every place), oldest first. */
export async function suggestionsToDecide(
  em: EntityManager,
  viewer: User,
  filter: { organizationId?: string | null },
  args: { first?: number | null; after?: string | null },
): Promise<Connection<PlaceSuggestionNode>> {
  return suggestionsPage(em, viewer, filter, args);
}

async function suggestionsPage(
  em: EntityManager,
  viewer: User | null,
  filter: { organizationId?: string | null; suggestionId?: string },
  args: { first?: number | null; after?: string | null },
): Promise<Connection<PlaceSuggestionNode>> {
  const window = keysetWindow(args, OLDEST_FIRST);
  // One suggestion is read back by its author or decider right after writing it (no viewer then).
  const which =
    filter.suggestionId || !viewer ? sql`s.id = ${filter.suggestionId ?? null}` : sql`s.status = 'pending' and ${decidedBy(viewer)}`;
  const place = filter.organizationId ? sql`and p.id = ${filter.organizationId}` : sql.empty;
  const page = await keysetPage<SuggestionRow>(
    em,
    sql`select s.id, s.created_at as "createdAt", s.status, s.comment, s.decided_at as "decidedAt", p.id as "placeId", s.changes,
               u.id is not null as has_author, ${accountColumns('u', 'author')}
          from place_suggestion s join organization p on p.id = s.organization_id left join ${memberAccounts} u on u.id = s.author_id
         where ${which} ${place}`,
    OLDEST_FIRST,
    window,
  );
  const places = await placesById(
    em,
    page.edges.map((edge) => edge.node.placeId),
  );
  return mapNodes(page, (row) => ({
    id: row.id,
    createdAt: asDate(row.createdAt),
    status: row.status,
    comment: row.comment,
    decidedAt: row.decidedAt ? asDate(row.decidedAt) : null,
    organization: places.get(row.placeId)!,
    author: row.has_author ? accountFromRow(row, 'author') : null,
    changes: SUGGESTIBLE_FIELDS.filter((field) => field in row.changes).map((field) => ({
      field,
      label: FIELD_LABEL[field],
      from: shown(row.changes[field].from),
      to: shown(row.changes[field].to),
    })),
  }));
}

/** How many claims and suggestions wait for the viewer's answer on this place; null when the viewer does not decide for it. */
export async function pendingRequestsCount(em: EntityManager, organizationId: string, viewer: Viewer | null): Promise<number | null> {
  if (!viewer || !(await canDecideFor(em, organizationId, viewer))) return null;
  const row = await queryOne<{ n: number }>(
    em,
    sql`select (select count(*) from place_claim where organization_id = ${organizationId} and status = 'pending')::int
             + (select count(*) from place_suggestion where organization_id = ${organizationId} and status = 'pending')::int as n`,
  );
  return row?.n ?? 0;
}
