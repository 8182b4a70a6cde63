import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { NetworkMembership, NetworkMembershipStatus } from './network-membership.entity.js';
import { Organization, OrganizationKind } from './organization.entity.js';
import { REQUEST_NOT_FOUND } from './place-requests.service.js';
import { adminIdsOf, getOrganization, isOrganizationAdmin, requireOrganizationAdmin } from './organisations.service.js';
import type { Viewer } from '../comptes/viewer.js';

async function getNetwork(em: EntityManager, networkId: string): Promise<Organization> {
  const network = await getOrganization(em, networkId);
  if (network.kind !== OrganizationKind.RESEAU) {
    throw badInput({ networkId: say('Cette organisation n’est pas un réseau.', 'This organization is not a network.') });
  }
  return network;
}

/** An organization's admin asks for it to join a network; the network's admins are told. */
export async function requestToJoinNetwork(
  em: EntityManager,
  actor: User,
  input: { networkId: string; organizationId: string; message?: string | null },
): Promise<NetworkMembership> {
  const network = await getNetwork(em, input.networkId);
  const organization = await getOrganization(em, input.organizationId);
  await requireOrganizationAdmin(em, organization.id, actor);
  if (network.id === organization.id)
    throw badInput({ organizationId: say('Un réseau ne peut pas être membre de lui-même.', 'A network cannot be its own member.') });
  const message = input.message?.trim().slice(0, 500) || null;
  let request = await em.findOne(NetworkMembership, { network, member: organization });
  if (request?.status === NetworkMembershipStatus.ACCEPTED) {
    throw conflict(say(`« ${organization.name} » fait déjà partie de ce réseau.`, `"${organization.name}" is already in this network.`));
  }
  if (request?.status === NetworkMembershipStatus.PENDING) return request;
  if (request) {
    // Declined before: asking again is a new request.
    Object.assign(request, { status: NetworkMembershipStatus.PENDING, requestedBy: actor, decidedBy: null, decidedAt: null, message });
  } else {
    request = em.create(NetworkMembership, { network, member: organization, requestedBy: actor, message });
  }
  try {
    await em.flush();
  } catch (error) {
    // The same request sent twice at once: the first one stands.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    em.clear();
    return em.findOneOrFail(NetworkMembership, { network: network.id, member: organization.id }, { populate: ['network', 'member'] });
  }
  await notify(
    em,
    await adminIdsOf(em, network.id),
    {
      kind: 'reseau.join_request',
      text: say(
        `« ${organization.name} » demande à rejoindre le réseau « ${network.name} ».`,
        `"${organization.name}" asks to join the network "${network.name}".`,
      ),
      link: `/organisations/${network.slug}`,
    },
    actor.id,
  );
  return request;
}

/** A network's admin accepts or declines a request; the organization's admins are told. */
export async function decideNetworkRequest(
  em: EntityManager,
  actor: User,
  input: { requestId: string; accept: boolean },
): Promise<NetworkMembership> {
  const request = await em.findOne(NetworkMembership, { id: input.requestId }, { populate: ['network', 'member'] });
  if (!request) throw notFound(REQUEST_NOT_FOUND);
  await requireOrganizationAdmin(em, request.network.id, actor);
  const status = input.accept ? NetworkMembershipStatus.ACCEPTED : NetworkMembershipStatus.DECLINED;
  // Only a pending request changes: two admins answering at once cannot both decide.
  const changed = await em.nativeUpdate(
    NetworkMembership,
    { id: request.id, status: NetworkMembershipStatus.PENDING },
    { status, decidedBy: actor.id, decidedAt: new Date() },
  );
  if (changed === 0) throw conflict(say('Cette demande a déjà reçu une réponse.', 'This request has already been answered.'));
  await em.refresh(request);
  const { network, member } = request;
  await notify(
    em,
    await adminIdsOf(em, member.id),
    {
      kind: 'reseau.join_decision',
      text: input.accept
        ? say(
            `« ${member.name} » fait maintenant partie du réseau « ${network.name} ».`,
            `"${member.name}" is now in the network "${network.name}".`,
          )
        : say(
            `Le réseau « ${network.name} » n’a pas accepté la demande de « ${member.name} ».`,
            `The network "${network.name}" declined "${member.name}".`,
          ),
      link: `/organisations/${network.slug}`,
    },
    actor.id,
  );
  return request;
}

/** Either side's admin ends the membership (or withdraws a pending request). */
export async function leaveNetwork(em: EntityManager, actor: User, input: { networkId: string; organizationId: string }): Promise<boolean> {
  const request = await em.findOne(NetworkMembership, { network: input.networkId, member: input.organizationId });
  if (!request) throw notFound(say('Cette organisation ne fait pas partie de ce réseau.', 'This organization is not in this network.'));
  try {
    await requireOrganizationAdmin(em, input.organizationId, actor);
  } catch {
    await requireOrganizationAdmin(em, input.networkId, actor);
  }
  await em.removeAndFlush(request);
  return true;
}

/** Puts an organization in a network without a request (seed, and places a network admin imports). */
export async function addToNetworkDirectly(
  em: EntityManager,
  network: Organization,
  member: Organization,
  by?: User | null,
): Promise<void> {
  const existing = await em.findOne(NetworkMembership, { network, member });
  if (existing) {
    existing.status = NetworkMembershipStatus.ACCEPTED;
    return;
  }
  em.create(NetworkMembership, {
    network,
    member,
    status: NetworkMembershipStatus.ACCEPTED,
    requestedBy: by ?? null,
    decidedBy: by ?? null,
    decidedAt: new Date(),
  });
}

/** The networks an organization belongs to, by name, as references. */
export async function networksOf(
  em: EntityManager,
  organizationId: string,
): Promise<Array<Pick<Organization, 'id' | 'name' | 'slug' | 'kind'>>> {
  const memberships = await em.find(
    NetworkMembership,
    { member: organizationId, status: NetworkMembershipStatus.ACCEPTED },
    { populate: ['network'], orderBy: { network: { name: 'asc' } } },
  );
  return memberships.map(({ network }) => ({ id: network.id, name: network.name, slug: network.slug, kind: network.kind }));
}

/** For a network's admins: the requests to join waiting for an answer (empty for anyone else). */
export async function pendingRequestsSeenBy(em: EntityManager, networkId: string, viewer: Viewer | null): Promise<NetworkMembership[]> {
  if (!(await isOrganizationAdmin(em, networkId, viewer))) return [];
  return em.find(
    NetworkMembership,
    { network: networkId, status: NetworkMembershipStatus.PENDING },
    { populate: ['member'], orderBy: { createdAt: 'asc' } },
  );
}

/** For an organization's admins: its requests and memberships in networks (empty for anyone else). */
export async function networkRequestsSeenBy(
  em: EntityManager,
  organizationId: string,
  viewer: Viewer | null,
): Promise<NetworkMembership[]> {
  if (!(await isOrganizationAdmin(em, organizationId, viewer))) return [];
  return em.find(NetworkMembership, { member: organizationId }, { populate: ['network'], orderBy: { createdAt: 'asc' } });
}
