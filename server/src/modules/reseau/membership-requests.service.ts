/**
 * "Demander à rejoindre ce lieu": a signed-in member who is not a member of a place asks to become one, with a
 * short word if they like; the place's admins are told, and accept (a plain member) or refuse; the person is told
 * the answer. One pending request per person and place; the person may withdraw it; after a refusal they may ask
 * again ASK_AGAIN_AFTER_DAYS later (the admins are not asked every day by the same person).
 */
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { asDate, execute, sql } from '../../db/sql.js';
import { keysetPage, keysetWindow, mapNodes, type Connection, type SortKey } from '../../graphql/connection.js';
import { badInput, conflict, notFound } from '../../graphql/errors.js';
import { say, type Text } from '../../i18n/lang.js';
import { spokenDay } from '../../shared/local-time.js';
import { timeZoneOfPlace } from '../../shared/territory.js';
import { accountColumns, accountFromRow, memberAccounts } from '../comptes/comptes.read.js';
import { User } from '../comptes/user.entity.js';
import type { Viewer } from '../comptes/viewer.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { MEMBERSHIP_REQUEST_MESSAGE_MAX, MembershipRequest } from './membership-request.entity.js';
import { Organization } from './organization.entity.js';
import { thisOrganization, thisOrganizationAtStart } from './organization-words.js';
import { adminIdsOf, getOrganization, isOrganizationAdmin, requireOrganizationAdmin, roleIn } from './organisations.service.js';
import { PlaceRequestStatus } from './place-claim.entity.js';
import {
  ALREADY_ANSWERED,
  countRequestOfToday,
  recordPlaceAudit,
  REQUEST_NOT_FOUND,
  withdrawOwnRequest,
} from './place-requests.service.js';

/** After a refusal, the person may ask the same place again this many days later. */
export const ASK_AGAIN_AFTER_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

/** After a refusal: the day the person may ask again, while it is still to come (null once they may, and for any other request). */
export function askAgainFrom(request: { status: PlaceRequestStatus; decidedAt?: Date | null }): Date | null {
  if (request.status !== PlaceRequestStatus.DECLINED || !request.decidedAt) return null;
  const again = new Date(new Date(request.decidedAt).getTime() + ASK_AGAIN_AFTER_DAYS * DAY_MS);
  return again.getTime() > Date.now() ? again : null;
}

/** "le samedi 9 janvier 2027", on the place's own calendar. */
function dayOf(date: Date, organization: Organization): Text {
  const zone = timeZoneOfPlace(organization);
  return say(spokenDay(date, zone, 'fr'), spokenDay(date, zone, 'en'));
}

/** The person's latest request to join the place that they did not withdraw (pending, refused or accepted), or null. */
async function latestRequest(em: EntityManager, organizationId: string, userId: string): Promise<MembershipRequest | null> {
  return em.findOne(
    MembershipRequest,
    { organization: organizationId, user: userId, status: { $ne: PlaceRequestStatus.WITHDRAWN } },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
}

/** Why the person may not ask now, or null when they may (`admins`: the place's, who would answer). */
async function whyNot(em: EntityManager, organization: Organization, user: User, admins: string[]): Promise<Text | null> {
  const it = thisOrganization(organization.kind);
  if (await roleIn(em, organization.id, user)) return say(`Vous faites déjà partie de ${it.fr}.`, `You are already a member of ${it.en}.`);
  const latest = await latestRequest(em, organization.id, user.id);
  if (latest?.status === PlaceRequestStatus.PENDING) {
    return say(
      `Vous avez déjà demandé à rejoindre ${it.fr} : votre demande attend la réponse de ses administrateurs.`,
      `You already asked to join ${it.en}: your request is waiting for its admins' answer.`,
    );
  }
  const again = latest ? askAgainFrom(latest) : null;
  if (again) {
    const day = dayOf(again, organization);
    return say(
      `Votre demande n’a pas été acceptée. Vous pourrez demander de nouveau à rejoindre ${it.fr} à partir du ${day.fr}.`,
      `Your request was declined. You may ask to join ${it.en} again from ${day.en}.`,
    );
  }
  if (admins.length === 0) {
    return say(
      `${thisOrganizationAtStart(organization.kind).fr} n’a pas encore d’administrateur pour répondre à votre demande.`,
      `${thisOrganizationAtStart(organization.kind).en} has no admin yet to answer your request.`,
    );
  }
  return null;
}

/** A member asks to join the place; its admins are told (in the site, and by e-mail as each one chose). */
export async function askToJoin(
  em: EntityManager,
  user: User,
  input: { organizationId: string; message?: string | null },
): Promise<MembershipRequest> {
  const organization = await getOrganization(em, input.organizationId);
  const message = input.message?.trim() || null;
  if (message && message.length > MEMBERSHIP_REQUEST_MESSAGE_MAX) {
    throw badInput({
      message: say(
        `Ce texte est trop long : ${MEMBERSHIP_REQUEST_MESSAGE_MAX} caractères au plus.`,
        `This text is too long: ${MEMBERSHIP_REQUEST_MESSAGE_MAX} characters at most.`,
      ),
    });
  }
  const admins = await adminIdsOf(em, organization.id);
  const refusal = await whyNot(em, organization, user, admins);
  if (refusal) throw conflict(refusal);
  await countRequestOfToday(em, user.id);
  let requestId: string;
  try {
    requestId = await em.transactional(async (tx) => {
      const request = tx.create(MembershipRequest, {
        organization: tx.getReference(Organization, organization.id),
        user: tx.getReference(User, user.id),
        message,
      });
      await tx.flush();
      await notify(
        tx,
        admins,
        {
          kind: 'reseau.membership_request',
          text: say(
            `${user.displayName} demande à rejoindre « ${organization.name} ».`,
            `${user.displayName} asks to join "${organization.name}".`,
          ),
          link: `/organisations/${organization.slug}#demandes`,
        },
        user.id,
      );
      return request.id;
    });
  } catch (error) {
    // The same request sent twice at once: the first one stands.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    em.clear();
    throw conflict((await whyNot(em, organization, user, admins)) ?? ALREADY_ANSWERED);
  }
  return em.findOneOrFail(MembershipRequest, { id: requestId }, { populate: ['organization', 'user'] });
}

/** The person takes back their request nobody answered yet. */
export async function withdrawMembershipRequest(em: EntityManager, user: User, input: { requestId: string }): Promise<MembershipRequest> {
  return withdrawOwnRequest(em, MembershipRequest, await em.findOne(MembershipRequest, { id: input.requestId }), user);
}

/** One of the place's admins accepts (the person becomes a plain member) or refuses a request; the person is told. */
export async function decideMembershipRequest(
  em: EntityManager,
  actor: User,
  input: { requestId: string; accept: boolean },
): Promise<MembershipRequest> {
  const request = await em.findOne(MembershipRequest, { id: input.requestId }, { populate: ['organization', 'user'] });
  if (!request) throw notFound(REQUEST_NOT_FOUND);
  const { organization, user } = request;
  await requireOrganizationAdmin(em, organization.id, actor);
  const status = input.accept ? PlaceRequestStatus.ACCEPTED : PlaceRequestStatus.DECLINED;
  const decidedAt = new Date();
  await em.transactional(async (tx) => {
    // Only a pending request changes: two admins answering at once cannot both decide.
    const changed = await tx.nativeUpdate(
      MembershipRequest,
      { id: request.id, status: PlaceRequestStatus.PENDING },
      { status, decidedBy: actor.id, decidedAt },
    );
    if (changed === 0) throw conflict(await notPendingAnyMore(tx, request.id));
    // A plain member; someone an admin added meanwhile keeps the role they were given.
    if (input.accept) {
      await execute(
        tx,
        sql`insert into membership (id, organization_id, user_id, role, created_at, updated_at)
            values (gen_random_uuid(), ${organization.id}, ${user.id}, 'member', now(), now())
            on conflict (organization_id, user_id) do nothing`,
      );
    }
    await notify(tx, [user.id], decisionNotice(organization, input.accept, decidedAt), actor.id);
    // Who answered stays in the audit log, as for a claim: the request forgets them with their account.
    await recordPlaceAudit(tx, organization, {
      actorId: actor.id,
      action: input.accept ? 'reseau.membership_request_accepted' : 'reseau.membership_request_declined',
      targetUserId: user.id,
    });
  });
  await em.refresh(request);
  return request;
}

/** Why a request that is no longer pending cannot be answered: withdrawn by its author, or answered by another admin. */
async function notPendingAnyMore(em: EntityManager, requestId: string): Promise<Text> {
  const now = await em.findOne(MembershipRequest, { id: requestId }, { refresh: true });
  return now?.status === PlaceRequestStatus.WITHDRAWN
    ? say('Cette personne a retiré sa demande.', 'This person withdrew their request.')
    : ALREADY_ANSWERED;
}

function decisionNotice(organization: Organization, accepted: boolean, decidedAt: Date) {
  const again = dayOf(askAgainFrom({ status: PlaceRequestStatus.DECLINED, decidedAt })!, organization);
  return {
    kind: 'reseau.membership_decision',
    text: accepted
      ? say(`Vous faites maintenant partie de « ${organization.name} ».`, `You are now a member of "${organization.name}".`)
      : say(
          `Votre demande pour rejoindre « ${organization.name} » n’a pas été acceptée. Vous pourrez demander de nouveau à partir du ${again.fr}.`,
          `Your request to join "${organization.name}" was declined. You may ask again from ${again.en}.`,
        ),
    link: `/organisations/${organization.slug}`,
  };
}

/** The viewer's latest request to join the place (pending, refused or accepted), or null. */
export async function myMembershipRequest(
  em: EntityManager,
  organizationId: string,
  viewer: Viewer | null,
): Promise<MembershipRequest | null> {
  return viewer ? latestRequest(em, organizationId, viewer.id) : null;
}

const OLDEST_FIRST: SortKey[] = [
  { expression: sql`n."createdAt"`, direction: 'asc' },
  { expression: sql`n.id`, direction: 'asc' },
];

type RequestRow = { id: string; createdAt: Date | string; updatedAt: Date | string; message: string | null } & Record<string, unknown>;

/**
 * For the place's admins: one keyset page of the requests waiting for an answer, oldest first, on the index of
 * pending requests; null for anyone else.
 */
export async function pendingMembershipRequests(
  em: EntityManager,
  organization: Organization,
  viewer: Viewer | null,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<MembershipRequest> | null> {
  if (!(await isOrganizationAdmin(em, organization.id, viewer))) return null;
  const window = keysetWindow(args, OLDEST_FIRST);
  const page = await keysetPage<RequestRow>(
    em,
    sql`select r.id, r.created_at as "createdAt", r.updated_at as "updatedAt", r.message, ${accountColumns('u', 'user')}
          from membership_request r join ${memberAccounts} u on u.id = r.user_id
         where r.organization_id = ${organization.id} and r.status = 'pending'`,
    OLDEST_FIRST,
    window,
  );
  return mapNodes(
    page,
    (row) =>
      ({
        id: row.id,
        createdAt: asDate(row.createdAt),
        updatedAt: asDate(row.updatedAt),
        status: PlaceRequestStatus.PENDING,
        message: row.message,
        decidedAt: null,
        organization,
        user: accountFromRow(row, 'user'),
      }) as MembershipRequest,
  );
}
