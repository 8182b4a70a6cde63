/**
 * Business rules of Ressources: who may publish, edit and see, versions, feedback, bases, collections and
 * citations. Functions take an EntityManager first; lists are read in ressources.read.ts.
 */
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, queryOne, sql } from '../../db/sql.js';
import { isAdmin, isModerator } from '../../graphql/auth.js';
import { FieldErrors, badInput, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { slugify } from '../../shared/slug.js';
import { User } from '../comptes/user.entity.js';
import type { ContentChange } from '../commun/content-changes.js';
import { assertCanPost } from '../commun/moderation/posting-limits.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { ensureTags, spellTags, tagFollowerIds } from '../mots-cles/mots-cles.service.js';
import { VOCABULARY } from '../reseau/standard.js';
import { Organization } from '../reseau/organization.entity.js';
import { isOrganizationAdmin, requireOrganizationAdmin, roleIn } from '../reseau/organisations.service.js';
import { MemberRole } from '../reseau/membership.entity.js';
import { Resource, ResourceBase, ResourceCollection, ResourceVersion } from './resource.entity.js';
import { attachNewFiles, filesText, releaseFiles, setFilesVisibility } from './ressources.files.js';
import { isUuid, readResource, type Viewer } from './ressources.read.js';
import { CollectionVisibility, ResourceKind, ResourceLicence, ResourceVisibility, type ResourceView } from './ressources.types.js';
import type { Viewer as Member } from '../comptes/viewer.js';
import { deOrganizationName } from '../../i18n/french.js';

export const TITLE_MIN = 5;
export const TITLE_MAX = 200;
export const SUMMARY_MAX = 500;
export const CONTENT_MAX = 50_000;
export const LINKS_MAX = 20;
export const URL_MAX = 2000;
export const FILES_MAX = 20;
export const TAGS_MAX = 8;
export const VERSION_NOTE_MAX = 300;
export const COMMENT_MAX = 1000;
export const THEMES = VOCABULARY.services as readonly string[];
export const PUBLICS = ['Tous publics', ...VOCABULARY.publicsSpecifiquementAdresses] as readonly string[];

/** Licences whose resources go into the open-data listing. */
export const OPEN_LICENCES: readonly ResourceLicence[] = [ResourceLicence.LICENCE_OUVERTE, ResourceLicence.CC_BY, ResourceLicence.CC_BY_SA];

const RESOURCE_NOT_FOUND = say(
  'Cette ressource n’existe pas ou vous n’y avez pas accès.',
  'This resource does not exist or is not shared with you.',
);
const COLLECTION_NOT_FOUND = say('Cette collection n’existe pas ou plus.', 'This collection does not exist.');
const BASE_NOT_FOUND = say('Cette base de ressources n’existe pas.', 'This resource base does not exist.');

export function viewerOf(user: Member | null): Viewer | null {
  return user ? { id: user.id, moderator: isModerator(user) } : null;
}

export function resourceLink(slug: string): string {
  return `/ressources/${slug}`;
}

/** A resource the viewer may see, or NOT_FOUND (the same answer whether it exists or not). */
export async function resourceOrFail(em: EntityManager, key: { slug?: string; id?: string }, user: Member | null): Promise<ResourceView> {
  const resource = await readResource(em, key, viewerOf(user));
  if (!resource) throw notFound(RESOURCE_NOT_FOUND);
  return resource;
}

/** Its creator, its credited authors, the base organization's admins and editors, platform admins. */
export async function canEditResource(em: EntityManager, resource: ResourceView, user: Member | null): Promise<boolean> {
  if (!user) return false;
  if (isAdmin(user) || resource.createdById === user.id || resource.authors.some((author) => author.id === user.id)) return true;
  if (!resource.baseOrganizationId) return false;
  const role = await roleIn(em, resource.baseOrganizationId, user);
  return role === MemberRole.ADMIN || role === MemberRole.EDITOR;
}

export interface ResourceData {
  title: string;
  summary: string;
  contentMarkdown: string;
  kind: ResourceKind;
  licence: ResourceLicence;
  visibility: ResourceVisibility;
  themes?: string[] | null;
  tags?: string[] | null;
  publics?: string[] | null;
  levels?: number[] | null;
  baseId?: string | null;
  coAuthorIds?: string[] | null;
  authorOrganizationIds?: string[] | null;
  fileIds?: string[] | null;
  links?: Array<{ url: string; title?: string | null }> | null;
}

interface CheckedResource {
  title: string;
  summary: string;
  content: string;
  kind: ResourceKind;
  licence: ResourceLicence;
  visibility: ResourceVisibility;
  themes: string[];
  tags: ReturnType<typeof spellTags>;
  publics: string[];
  levels: number[];
  base: ResourceBase | null;
  coAuthorIds: string[];
  authorOrganizationIds: string[];
  fileIds: string[];
  links: Array<{ url: string; title: string }>;
}

function oneOf(
  errors: FieldErrors,
  field: string,
  values: readonly string[] | null | undefined,
  allowed: readonly string[],
  what: string,
): string[] {
  const chosen = [...new Set(values ?? [])];
  const unknown = chosen.filter((value) => !allowed.includes(value));
  if (unknown.length) errors.add(field, say(`${what} inconnu : « ${unknown[0]} ».`, `Unknown ${field}: "${unknown[0]}".`));
  return chosen.filter((value) => allowed.includes(value));
}

function checkUrl(raw: string): string | null {
  const url = raw.trim();
  if (url.length > URL_MAX) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** Checks what the editor sent; the base (if any) must be one the author may publish in. */
async function checkResource(em: EntityManager, user: User, input: ResourceData, previous: Resource | null): Promise<CheckedResource> {
  const errors = new FieldErrors();
  const title = input.title.trim().replace(/\s+/g, ' ');
  if (title.length < TITLE_MIN)
    errors.add('title', say(`Le titre doit faire au moins ${TITLE_MIN} caractères.`, `The title needs at least ${TITLE_MIN} characters.`));
  if (title.length > TITLE_MAX)
    errors.add('title', say(`Le titre ne peut pas dépasser ${TITLE_MAX} caractères.`, `The title cannot exceed ${TITLE_MAX} characters.`));
  const summary = input.summary.trim();
  if (!summary) errors.add('summary', say('Résumez la ressource en une ou deux phrases.', 'Summarize the resource in a sentence or two.'));
  if (summary.length > SUMMARY_MAX)
    errors.add(
      'summary',
      say(`Le résumé ne peut pas dépasser ${SUMMARY_MAX} caractères.`, `The summary cannot exceed ${SUMMARY_MAX} characters.`),
    );
  const content = input.contentMarkdown.trim();
  if (content.length > CONTENT_MAX)
    errors.add(
      'contentMarkdown',
      say(
        `Le contenu ne peut pas dépasser ${CONTENT_MAX.toLocaleString('fr-FR')} caractères.`,
        `The content cannot exceed ${CONTENT_MAX} characters.`,
      ),
    );
  if (!Object.values(ResourceKind).includes(input.kind)) errors.add('kind', say('Choisissez le type de ressource.', 'Choose the kind.'));
  if (!Object.values(ResourceLicence).includes(input.licence)) errors.add('licence', say('Choisissez une licence.', 'Choose a licence.'));
  const themes = oneOf(errors, 'themes', input.themes, THEMES, 'Thème');
  const publics = oneOf(errors, 'publics', input.publics, PUBLICS, 'Public');
  const levels = [...new Set(input.levels ?? [])].sort();
  if (levels.some((level) => !Number.isInteger(level) || level < 1 || level > 5))
    errors.add('levels', say('Les niveaux vont de 1 à 5.', 'Levels go from 1 to 5.'));
  const tags = spellTags(input.tags ?? []);
  if (tags.length > TAGS_MAX) errors.add('tags', say(`Choisissez ${TAGS_MAX} mots-clés au plus.`, `Choose ${TAGS_MAX} tags at most.`));

  const links: Array<{ url: string; title: string }> = [];
  if ((input.links?.length ?? 0) > LINKS_MAX) errors.add('links', say(`${LINKS_MAX} liens au plus.`, `${LINKS_MAX} links at most.`));
  for (const link of input.links ?? []) {
    const url = checkUrl(link.url);
    if (!url) {
      errors.add(
        'links',
        say(`« ${link.url.slice(0, 80)} » n’est pas une adresse web (https://…).`, `"${link.url.slice(0, 80)}" is not a web address.`),
      );
      continue;
    }
    const linkTitle = (link.title ?? '').trim().slice(0, 200) || url;
    links.push({ url, title: linkTitle });
  }

  const fileIds = [...new Set(input.fileIds ?? previous?.fileIds ?? [])];
  if (fileIds.length > FILES_MAX) errors.add('fileIds', say(`${FILES_MAX} fichiers au plus.`, `${FILES_MAX} files at most.`));
  const coAuthorIds = [...new Set((input.coAuthorIds ?? []).filter((id) => id !== user.id))];
  if (coAuthorIds.length > 10) errors.add('coAuthorIds', say('10 co-auteurs au plus.', '10 co-authors at most.'));
  const authorOrganizationIds = [...new Set(input.authorOrganizationIds ?? [])];
  if (authorOrganizationIds.length > 5) errors.add('authorOrganizationIds', say('5 organisations au plus.', '5 organizations at most.'));
  errors.throwIfAny();

  if (fileIds.length && !fileIds.every(isUuid)) throw badInput({ fileIds: say('Fichier inconnu.', 'Unknown file.') });
  if (coAuthorIds.length) {
    if (!coAuthorIds.every(isUuid) || (await em.count(User, { id: { $in: coAuthorIds } })) !== coAuthorIds.length)
      throw badInput({ coAuthorIds: say('Un des co-auteurs n’existe pas.', 'A co-author does not exist.') });
  }
  if (authorOrganizationIds.length) {
    if (
      !authorOrganizationIds.every(isUuid) ||
      (await em.count(Organization, { id: { $in: authorOrganizationIds } })) !== authorOrganizationIds.length
    )
      throw badInput({ authorOrganizationIds: say('Une des organisations n’existe pas.', 'An organization does not exist.') });
    await requireMemberOfNewAuthors(em, user, authorOrganizationIds, previous?.authorOrganizationIds ?? []);
  }

  let base: ResourceBase | null = null;
  const baseId = input.baseId === undefined ? (previous?.base?.id ?? null) : input.baseId;
  if (baseId) {
    base = isUuid(baseId) ? await em.findOne(ResourceBase, { id: baseId }) : null;
    if (!base) throw notFound(BASE_NOT_FOUND);
    if (base.id !== previous?.base?.id) await requireBaseEditor(em, base, user);
  }
  if (input.visibility === ResourceVisibility.ORGANISATION && !base) {
    throw badInput({
      visibility: say(
        'Une ressource réservée à une organisation doit être publiée dans la base de cette organisation.',
        "A resource kept to an organization must be published in that organization's base.",
      ),
    });
  }
  return {
    title,
    summary,
    content,
    kind: input.kind,
    licence: input.licence,
    visibility: input.visibility,
    themes,
    tags,
    publics,
    levels,
    base,
    coAuthorIds,
    authorOrganizationIds,
    fileIds,
    links,
  };
}

/**
 * A member credits only organizations they belong to; those already credited stay when another author edits
 * (platform admins credit any).
 */
async function requireMemberOfNewAuthors(
  em: EntityManager,
  user: User,
  ids: readonly string[],
  credited: readonly string[],
): Promise<void> {
  if (isAdmin(user)) return;
  for (const id of ids) {
    if (credited.includes(id)) continue;
    if (!(await roleIn(em, id, user)))
      throw badInput({
        authorOrganizationIds: say(
          'Vous ne pouvez créditer comme autrice qu’une organisation dont vous êtes membre.',
          'You can only credit as author an organization you are a member of.',
        ),
      });
  }
}

/** Admins and editors of the base's organization publish in it (and platform admins). */
async function requireBaseEditor(em: EntityManager, base: ResourceBase, user: User): Promise<void> {
  if (isAdmin(user)) return;
  const role = await roleIn(em, base.organization.id, user);
  if (role !== MemberRole.ADMIN && role !== MemberRole.EDITOR)
    throw forbidden(
      say(
        'Seuls les administrateurs et éditeurs de cette organisation publient dans sa base.',
        "Only this organization's admins and editors publish in its base.",
      ),
    );
}

async function uniqueSlug(
  em: EntityManager,
  entity: typeof Resource | typeof ResourceCollection | typeof ResourceBase,
  title: string,
): Promise<string> {
  const base = slugify(title);
  let slug = base;
  for (let n = 2; (await em.count(entity, { slug })) > 0; n++) slug = `${base}-${n}`;
  return slug;
}

/** Recomputes the search document: title (A), summary and tags (B), content and links (C), the files' text (D). */
async function refreshSearch(em: EntityManager, resourceId: string, fileIds: readonly string[]): Promise<void> {
  const text = await filesText(em, fileIds);
  await execute(
    em,
    sql`update resource set search_vector =
          setweight(to_tsvector('fr_unaccent', title), 'A') ||
          setweight(to_tsvector('fr_unaccent', summary || ' ' || translate(array_to_string(tags, ' '), '-', ' ')), 'B') ||
          setweight(to_tsvector('fr_unaccent', content || ' ' || coalesce((select string_agg(l->>'title', ' ') from jsonb_array_elements(links) l), '')), 'C') ||
          setweight(to_tsvector('fr_unaccent', ${text.slice(0, 400_000)}), 'D')
        where id = ${resourceId}`,
  );
}

/** New files must be the member's own uploads, attached nowhere else. */
async function attachOrRefuse(em: EntityManager, user: User, fileIds: readonly string[]): Promise<void> {
  const refused = await attachNewFiles(em, user, fileIds);
  if (refused) throw badInput({ fileIds: refused });
}

/**
 * Who may download the attached files: everyone for a public resource, signed-in members for a members' one,
 * the base organization's members for an organization's one (as who may read the resource itself).
 */
async function shareFiles(
  em: EntityManager,
  fileIds: readonly string[],
  visibility: ResourceVisibility,
  organizationId: string | null,
): Promise<void> {
  if (!fileIds.length) return;
  if (visibility === ResourceVisibility.PUBLIC) await setFilesVisibility(em, fileIds, 'public');
  else if (visibility === ResourceVisibility.ORGANISATION && organizationId)
    await setFilesVisibility(em, fileIds, 'organisation', organizationId);
  else await setFilesVisibility(em, fileIds, 'members');
}

/** What the editor writes, checked, as the resource keeps it (the same for a first version and the next ones). */
function writtenFields(checked: CheckedResource, tagSlugs: string[]) {
  const { title, summary, content, kind, licence, visibility, themes, publics, levels, base } = checked;
  return { title, summary, content, kind, licence, visibility, themes, tags: tagSlugs, publics, levels, base };
}

/** A member publishes a resource (version 1); followers of its base and tags are told when others may see it. */
export async function createResource(em: EntityManager, user: User, input: ResourceData): Promise<string> {
  const checked = await checkResource(em, user, input, null);
  await assertCanPost(em, user, 'ressources.resource');
  return em.transactional(async (tx) => {
    const slugs = await ensureTags(tx, checked.tags);
    const resource = tx.create(Resource, {
      ...writtenFields(checked, slugs),
      slug: await uniqueSlug(tx, Resource, checked.title),
      createdBy: tx.getReference(User, user.id),
      authorIds: [user.id, ...checked.coAuthorIds],
      authorOrganizationIds: checked.authorOrganizationIds,
      fileIds: checked.fileIds,
      links: checked.links,
    });
    tx.create(ResourceVersion, { resource, number: 1, note: 'Première publication', author: tx.getReference(User, user.id) });
    await attachOrRefuse(tx, user, checked.fileIds);
    await tx.flush();
    await refreshSearch(tx, resource.id, checked.fileIds);
    await shareFiles(tx, checked.fileIds, checked.visibility, checked.base?.organization.id ?? null);
    await announce(tx, resource, user, slugs);
    return resource.id;
  });
}

/** Followers of the base and of the tags hear about a new resource they may see (never an ORGANISATION one outside it). */
async function announce(em: EntityManager, resource: Resource, author: User, tags: readonly string[]): Promise<void> {
  if (resource.visibility === ResourceVisibility.ORGANISATION) {
    // Only the organization's members may see it: tell the base's followers who are members.
    if (!resource.base) return;
    const rows = await query<{ user_id: string }>(
      em,
      sql`select f.user_id from resource_base_follow f join resource_base b on b.id = f.base_id
           join organization_member m on m.organization_id = b.organization_id and m.user_id = f.user_id
          where f.base_id = ${resource.base.id}`,
    );
    await sendNew(
      em,
      resource,
      author,
      rows.map((row) => row.user_id),
    );
    return;
  }
  const followers = resource.base
    ? (await query<{ user_id: string }>(em, sql`select user_id from resource_base_follow where base_id = ${resource.base.id}`)).map(
        (row) => row.user_id,
      )
    : [];
  await sendNew(em, resource, author, [...followers, ...(await tagFollowerIds(em, tags))]);
}

async function sendNew(em: EntityManager, resource: Resource, author: User, recipients: string[]): Promise<void> {
  await notify(
    em,
    recipients,
    {
      kind: 'ressources.nouvelle',
      text: say(`Nouvelle ressource : « ${resource.title} »`, `New resource: "${resource.title}"`),
      link: resourceLink(resource.slug),
    },
    author.id,
  );
}

/** An author (or the base's editors) updates a resource: a new version with what changed. */
export async function updateResource(em: EntityManager, user: User, id: string, input: ResourceData, versionNote: string): Promise<string> {
  const view = await resourceOrFail(em, { id }, user);
  if (!(await canEditResource(em, view, user)))
    throw forbidden(say('Seuls les auteurs de cette ressource peuvent la modifier.', 'Only the authors of this resource can edit it.'));
  const note = versionNote.trim();
  if (!note || note.length > VERSION_NOTE_MAX)
    throw badInput({
      versionNote: say(
        `Dites en quelques mots ce qui a changé (${VERSION_NOTE_MAX} caractères au plus).`,
        `Say in a few words what changed (${VERSION_NOTE_MAX} characters at most).`,
      ),
    });
  const resource = await em.findOneOrFail(Resource, { id }, { populate: ['base'] });
  const checked = await checkResource(em, user, input, resource);
  await em.transactional(async (tx) => {
    const slugs = await ensureTags(tx, checked.tags);
    const previousAuthors = resource.authorIds;
    const previousFiles = [...resource.fileIds];
    Object.assign(resource, {
      ...writtenFields(checked, slugs),
      // The creator and the authors already credited stay; co-authors given are added.
      authorIds: [...new Set([...previousAuthors, ...(input.coAuthorIds ? checked.coAuthorIds : [])])],
      authorOrganizationIds: input.authorOrganizationIds ? checked.authorOrganizationIds : resource.authorOrganizationIds,
      fileIds: checked.fileIds,
      links: input.links ? checked.links : resource.links,
      versionCount: resource.versionCount + 1,
    });
    tx.persist(resource);
    tx.create(ResourceVersion, { resource, number: resource.versionCount, note, author: tx.getReference(User, user.id) });
    const before = new Set(previousFiles);
    await attachOrRefuse(
      tx,
      user,
      checked.fileIds.filter((fileId) => !before.has(fileId)),
    );
    await releaseFiles(
      tx,
      previousFiles.filter((fileId) => !checked.fileIds.includes(fileId)),
    );
    await tx.flush();
    await refreshSearch(tx, resource.id, checked.fileIds);
    await shareFiles(tx, checked.fileIds, checked.visibility, checked.base?.organization.id ?? null);
  });
  return resource.id;
}

/** Its creator, the base's admins or a platform admin delete a resource (its versions and feedback go with it). */
export async function deleteResource(em: EntityManager, user: User, id: string): Promise<boolean> {
  const view = await resourceOrFail(em, { id }, user);
  const allowed =
    isAdmin(user) ||
    view.createdById === user.id ||
    (view.baseOrganizationId && (await isOrganizationAdmin(em, view.baseOrganizationId, user)));
  if (!allowed)
    throw forbidden(
      say(
        'Seule la personne qui a publié cette ressource peut la supprimer.',
        'Only the person who published this resource can delete it.',
      ),
    );
  await em.transactional(async (tx) => {
    await execute(tx, sql`delete from resource_citation where resource_id = ${id}`);
    await execute(tx, sql`delete from resource_collection_item where resource_id = ${id}`);
    await execute(tx, sql`delete from resource where id = ${id}`);
    await releaseFiles(tx, view.fileIds);
  });
  return true;
}

/** "J'ai utilisé cette ressource": one per member and resource, given again = updated. Counts kept by a trigger. */
export async function addFeedback(
  em: EntityManager,
  user: User,
  resourceId: string,
  rating: number,
  comment: string | null | undefined,
): Promise<string> {
  await resourceOrFail(em, { id: resourceId }, user);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    throw badInput({ rating: say('Donnez une note de 1 à 5.', 'Give a rating from 1 to 5.') });
  const text = comment?.trim() || null;
  if (text && text.length > COMMENT_MAX)
    throw badInput({
      comment: say(
        `Le commentaire ne peut pas dépasser ${COMMENT_MAX} caractères.`,
        `The comment cannot exceed ${COMMENT_MAX} characters.`,
      ),
    });
  await assertCanPost(em, user, 'ressources.feedback');
  const row = await queryOne<{ id: string }>(
    em,
    sql`insert into resource_feedback (id, resource_id, author_id, rating, comment)
        values (gen_random_uuid(), ${resourceId}, ${user.id}, ${rating}, ${text})
        on conflict (resource_id, author_id) do update set rating = excluded.rating, comment = excluded.comment, updated_at = now()
        returning id`,
  );
  return row!.id;
}

/** The base of an organization, created by one of its admins. */
export async function createResourceBase(
  em: EntityManager,
  user: User,
  input: { organizationId: string; name?: string | null; description?: string | null },
): Promise<string> {
  const organization = isUuid(input.organizationId) ? await em.findOne(Organization, { id: input.organizationId }) : null;
  if (!organization) throw notFound();
  await requireOrganizationAdmin(em, organization.id, user);
  const existing = await em.findOne(ResourceBase, { organization: organization.id });
  if (existing) return existing.id;
  const name = checkBaseName(input.name ?? `Ressources ${deOrganizationName(organization.name)}`);
  const base = em.create(ResourceBase, {
    slug: await uniqueSlug(em, ResourceBase, organization.name),
    name,
    description: checkDescription(input.description, 2000),
    organization,
  });
  await em.flush();
  return base.id;
}

function checkBaseName(raw: string): string {
  const name = raw.trim().slice(0, 200);
  if (name.length < 3) throw badInput({ name: say('Le nom doit faire au moins 3 caractères.', 'The name needs at least 3 characters.') });
  return name;
}

function checkDescription(raw: string | null | undefined, max: number): string {
  const text = (raw ?? '').trim();
  if (text.length > max)
    throw badInput({
      description: say(`La description ne peut pas dépasser ${max} caractères.`, `The description cannot exceed ${max} characters.`),
    });
  return text;
}

export async function updateResourceBase(
  em: EntityManager,
  user: User,
  input: { id: string; name?: string | null; description?: string | null },
): Promise<string> {
  const base = isUuid(input.id) ? await em.findOne(ResourceBase, { id: input.id }) : null;
  if (!base) throw notFound(BASE_NOT_FOUND);
  await requireOrganizationAdmin(em, base.organization.id, user);
  if (input.name != null) base.name = checkBaseName(input.name);
  if (input.description != null) base.description = checkDescription(input.description, 2000);
  await em.flush();
  return base.id;
}

export async function setBaseFollow(em: EntityManager, user: User, baseId: string, follow: boolean): Promise<void> {
  const base = isUuid(baseId) ? await em.findOne(ResourceBase, { id: baseId }) : null;
  if (!base) throw notFound(BASE_NOT_FOUND);
  if (follow)
    await execute(em, sql`insert into resource_base_follow (base_id, user_id) values (${baseId}, ${user.id}) on conflict do nothing`);
  else await execute(em, sql`delete from resource_base_follow where base_id = ${baseId} and user_id = ${user.id}`);
}

function checkCollectionTitle(raw: string): string {
  const title = raw.trim().replace(/\s+/g, ' ');
  if (title.length < 3 || title.length > 200)
    throw badInput({ title: say('Le titre de la collection fait de 3 à 200 caractères.', 'A collection title has 3 to 200 characters.') });
  return title;
}

export async function createCollection(
  em: EntityManager,
  user: User,
  input: { title: string; description?: string | null; visibility?: CollectionVisibility | null },
): Promise<string> {
  const title = checkCollectionTitle(input.title);
  const description = checkDescription(input.description, 1000);
  const count = await em.count(ResourceCollection, { owner: user.id });
  if (count >= 200) throw badInput({ title: say('Vous avez déjà 200 collections.', 'You already have 200 collections.') });
  const collection = em.create(ResourceCollection, {
    slug: await uniqueSlug(em, ResourceCollection, title),
    title,
    description,
    visibility: input.visibility ?? CollectionVisibility.PRIVATE,
    shareToken: randomBytes(24).toString('base64url'),
    owner: em.getReference(User, user.id),
  });
  await em.flush();
  return collection.id;
}

async function ownCollection(em: EntityManager, user: User, id: string): Promise<ResourceCollection> {
  const collection = isUuid(id) ? await em.findOne(ResourceCollection, { id }) : null;
  if (!collection) throw notFound(COLLECTION_NOT_FOUND);
  if (collection.owner.id !== user.id)
    throw forbidden(
      say('Seule la personne qui a créé cette collection peut la modifier.', 'Only the person who made this collection can change it.'),
    );
  return collection;
}

export async function updateCollection(
  em: EntityManager,
  user: User,
  input: {
    id: string;
    title?: string | null;
    description?: string | null;
    visibility?: CollectionVisibility | null;
    newShareLink?: boolean | null;
  },
): Promise<string> {
  const collection = await ownCollection(em, user, input.id);
  if (input.title != null) collection.title = checkCollectionTitle(input.title);
  if (input.description != null) collection.description = checkDescription(input.description, 1000);
  if (input.visibility) collection.visibility = input.visibility;
  // A new link: whoever had the old one loses access.
  if (input.newShareLink) collection.shareToken = randomBytes(24).toString('base64url');
  await em.flush();
  return collection.id;
}

export async function deleteCollection(em: EntityManager, user: User, id: string): Promise<boolean> {
  const collection = await ownCollection(em, user, id);
  await execute(em, sql`delete from resource_collection_item where collection_id = ${collection.id}`);
  await em.removeAndFlush(collection);
  return true;
}

/** Saves a resource the member may see into one of their collections (or a new one). */
export async function saveToCollection(
  em: EntityManager,
  user: User,
  input: { resourceId: string; collectionId?: string | null; newCollectionTitle?: string | null },
): Promise<string> {
  await resourceOrFail(em, { id: input.resourceId }, user);
  let collectionId: string;
  if (input.collectionId) collectionId = (await ownCollection(em, user, input.collectionId)).id;
  else if (input.newCollectionTitle) collectionId = await createCollection(em, user, { title: input.newCollectionTitle });
  else
    throw badInput({
      collectionId: say(
        'Choisissez une collection ou donnez un titre pour en créer une.',
        'Choose a collection or give a title for a new one.',
      ),
    });
  const size = await queryOne<{ n: number }>(
    em,
    sql`select count(*)::int as n from resource_collection_item where collection_id = ${collectionId}`,
  );
  if ((size?.n ?? 0) >= 500)
    throw badInput({ collectionId: say('Une collection garde 500 ressources au plus.', 'A collection holds 500 resources at most.') });
  await execute(
    em,
    sql`insert into resource_collection_item (collection_id, resource_id) values (${collectionId}, ${input.resourceId}) on conflict do nothing`,
  );
  await execute(em, sql`update resource_collection set updated_at = now() where id = ${collectionId}`);
  return collectionId;
}

export async function removeFromCollection(
  em: EntityManager,
  user: User,
  input: { resourceId: string; collectionId: string },
): Promise<string> {
  const collection = await ownCollection(em, user, input.collectionId);
  if (!isUuid(input.resourceId)) throw notFound(RESOURCE_NOT_FOUND);
  await execute(em, sql`delete from resource_collection_item where collection_id = ${collection.id} and resource_id = ${input.resourceId}`);
  return collection.id;
}

/** `/ressources/<slug>` in a text: the slugs it cites (at most 20). */
export function citedSlugs(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\/ressources\/([a-z0-9][a-z0-9-]{0,219})(?![a-z0-9-])/g)) {
    if (['nouvelle', 'bases', 'collections', 'mes-collections'].includes(match[1])) continue;
    found.add(match[1]);
    if (found.size >= 20) break;
  }
  return [...found];
}

/**
 * Records which resources a piece of content cites (a question or an answer of Entraide, told through
 * the commun's content changes: ressources never reads another section's tables). Replaces what the same
 * content cited before; a removed content cites nothing any more.
 */
export async function recordCitations(em: EntityManager, change: ContentChange): Promise<void> {
  if (!change.citable && change.change !== 'removed') return;
  await execute(em, sql`delete from resource_citation where source_type = ${change.type} and source_id = ${change.id}`);
  if (change.change === 'removed' || !change.citable) return;
  const slugs = citedSlugs(change.citable.text);
  if (!slugs.length) return;
  await execute(
    em,
    sql`insert into resource_citation (resource_id, source_type, source_id, title, url)
        select r.id, ${change.type}, ${change.id}, ${change.citable.title.slice(0, 200)}, ${change.citable.url.slice(0, 500)}
          from resource r where r.slug = any(${pgTextArray(slugs)}::text[])
        on conflict do nothing`,
  );
}
