import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql } from '../../db/sql.js';
import { FieldErrors, badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { isModerator } from '../../graphql/auth.js';
import { say } from '../../i18n/lang.js';
import { slugify } from '../../shared/slug.js';
import { ensureTags, spellTags } from '../mots-cles/mots-cles.service.js';
import { UNKNOWN_DEPARTEMENT, isDepartement, normalizeDepartement } from '../../shared/territory.js';
import { normalizeEmail } from '../comptes/comptes.service.js';
import { Role, User } from '../comptes/user.entity.js';
import { MemberRole } from '../reseau/membership.entity.js';
import { getOrganization, requireOrganizationEditor, roleIn } from '../reseau/organisations.service.js';
import { Campaign } from './campaign.entity.js';
import { Project, ProjectStage, ProjectTeamMember, type ProjectImage, type ProjectLink } from './project.entity.js';
import { assertCanPost } from '../commun/moderation/posting-limits.js';
import { assertCharterSignedIfRequired } from '../charte/requirement.service.js';
import { changeImage } from '../fichiers/fichiers.service.js';
import type { Viewer } from '../comptes/viewer.js';
import { communeSpelling } from '../../shared/communes.js';

export const PROJECT_NOT_FOUND = say(
  'Ce projet n’existe pas ou n’est plus visible.',
  'This project does not exist or is no longer visible.',
);

const MAX_LINKS = 10;
const MAX_IMAGES = 10;
const MAX_TAGS = 12;

/** Who may edit a project: its holder's admins and editors, its team, and platform admins. */
export async function canEditProject(em: EntityManager, project: Project, user: Viewer | null): Promise<boolean> {
  if (!user) return false;
  if (user.role === Role.ADMIN) return true;
  const role = await roleIn(em, project.holder.id, user);
  if (role === MemberRole.ADMIN || role === MemberRole.EDITOR) return true;
  return (await em.count(ProjectTeamMember, { project: project.id, user: user.id })) > 0;
}

export async function requireProjectEditor(em: EntityManager, project: Project, user: Viewer): Promise<void> {
  if (!(await canEditProject(em, project, user))) {
    throw forbidden(
      say(
        'Seuls l’équipe du projet et les administrateurs ou éditeurs de l’organisation porteuse peuvent faire cela.',
        "Only the project team and the holder organization's admins or editors can do this.",
      ),
    );
  }
}

/** A project as its viewer may see it: hidden projects only for their editors and moderators. */
export async function findVisibleProject(
  em: EntityManager,
  where: { id?: string | null; slug?: string | null },
  viewer: Viewer | null,
): Promise<Project | null> {
  const filter = where.id ? { id: where.id } : where.slug ? { slug: where.slug } : null;
  if (!filter) return null;
  const project = await em.findOne(Project, filter, { populate: ['holder'] });
  if (!project) return null;
  if (project.hiddenAt && !isModerator(viewer) && !(await canEditProject(em, project, viewer))) return null;
  return project;
}

export async function getProject(em: EntityManager, id: string): Promise<Project> {
  const project = await em.findOne(Project, { id }, { populate: ['holder'] });
  if (!project) throw notFound(PROJECT_NOT_FOUND);
  return project;
}

interface ProjectFields {
  title?: string | null;
  summary?: string | null;
  description?: string | null;
  essaimage?: string | null;
  stage?: ProjectStage | null;
  commune?: string | null;
  departement?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  tags?: string[] | null;
  links?: ProjectLink[] | null;
  images?: ProjectImage[] | null;
  imageFileId?: string | null;
  imageAlt?: string | null;
}

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** Checks and cleans the fields given; `required` for creation. Every mistake is reported at once. */
function cleanProjectFields(input: ProjectFields, required: boolean): Partial<Project> {
  const errors = new FieldErrors();
  const out: Partial<Project> = {};
  if (input.title !== undefined || required) {
    const title = (input.title ?? '').trim();
    if (title.length < 3)
      errors.add('title', say('Donnez un titre au projet (au moins 3 caractères).', 'Give the project a title (at least 3 characters).'));
    else if (title.length > 150)
      errors.add('title', say('Le titre ne peut pas dépasser 150 caractères.', 'The title cannot exceed 150 characters.'));
    out.title = title;
  }
  if (input.summary !== undefined || required) {
    const summary = (input.summary ?? '').trim();
    if (summary.length < 10)
      errors.add(
        'summary',
        say(
          'Résumez le projet en une ou deux phrases (au moins 10 caractères).',
          'Summarize the project in one or two sentences (at least 10 characters).',
        ),
      );
    else if (summary.length > 300)
      errors.add('summary', say('Le résumé ne peut pas dépasser 300 caractères.', 'The summary cannot exceed 300 characters.'));
    out.summary = summary;
  }
  if (input.description !== undefined) {
    const description = input.description ?? '';
    if (description.length > 20000)
      errors.add(
        'description',
        say('La description ne peut pas dépasser 20 000 caractères.', 'The description cannot exceed 20,000 characters.'),
      );
    out.description = description;
  }
  if (input.essaimage !== undefined) {
    const essaimage = input.essaimage ?? '';
    if (essaimage.length > 20000)
      errors.add('essaimage', say('Ce texte ne peut pas dépasser 20 000 caractères.', 'This text cannot exceed 20,000 characters.'));
    out.essaimage = essaimage;
  }
  if (input.stage !== undefined || required) {
    if (!input.stage)
      errors.add(
        'stage',
        say(
          'Indiquez où en est le projet (idée, prototype, bêta ou déployé).',
          'Say how far the project has gone (idea, prototype, beta or deployed).',
        ),
      );
    else out.stage = input.stage;
  }
  if (input.commune !== undefined) {
    const commune = input.commune?.trim() || null;
    if (commune && commune.length > 120)
      errors.add(
        'commune',
        say('Le nom de commune ne peut pas dépasser 120 caractères.', 'The commune name cannot exceed 120 characters.'),
      );
    out.commune = commune && communeSpelling({ commune });
  }
  if (input.departement !== undefined) {
    const departement = normalizeDepartement(input.departement);
    if (departement && !isDepartement(departement)) errors.add('departement', UNKNOWN_DEPARTEMENT);
    out.departement = departement;
  }
  if (input.latitude !== undefined || input.longitude !== undefined) {
    const { latitude, longitude } = input;
    const bothOrNone = (latitude == null) === (longitude == null);
    if (!bothOrNone)
      errors.add(
        'latitude',
        say('Indiquez la latitude et la longitude, ou aucune des deux.', 'Give both latitude and longitude, or neither.'),
      );
    else if (latitude != null && (latitude < -90 || latitude > 90))
      errors.add('latitude', say('La latitude doit être comprise entre -90 et 90.', 'Latitude must be between -90 and 90.'));
    else if (longitude != null && (longitude < -180 || longitude > 180))
      errors.add('longitude', say('La longitude doit être comprise entre -180 et 180.', 'Longitude must be between -180 and 180.'));
    out.latitude = latitude ?? null;
    out.longitude = longitude ?? null;
  }
  if (input.tags != null) {
    const tags = spellTags(input.tags).map((tag) => tag.slug);
    if (tags.length > MAX_TAGS) errors.add('tags', say(`Choisissez au plus ${MAX_TAGS} mots-clés.`, `Choose at most ${MAX_TAGS} tags.`));
    out.tags = tags;
  }
  if (input.links != null) {
    if (input.links.length > MAX_LINKS) errors.add('links', say(`Au plus ${MAX_LINKS} liens.`, `At most ${MAX_LINKS} links.`));
    out.links = input.links.map((link, index) => {
      const url = link.url.trim();
      const label = link.label.trim() || url;
      if (!HTTP_URL.test(url))
        errors.add(
          `links.${index}.url`,
          say('Ce lien doit commencer par https:// ou http://.', 'This link must start with https:// or http://.'),
        );
      if (label.length > 120)
        errors.add(
          `links.${index}.label`,
          say('L’intitulé du lien ne peut pas dépasser 120 caractères.', 'The link label cannot exceed 120 characters.'),
        );
      return { label, url };
    });
  }
  if (input.images != null) {
    if (input.images.length > MAX_IMAGES) errors.add('images', say(`Au plus ${MAX_IMAGES} images.`, `At most ${MAX_IMAGES} pictures.`));
    out.images = input.images.map((image, index) => {
      const url = image.url.trim();
      const alt = image.alt.trim();
      if (!HTTP_URL.test(url))
        errors.add(
          `images.${index}.url`,
          say('L’adresse de l’image doit commencer par https:// ou http://.', 'The picture address must start with https:// or http://.'),
        );
      if (alt.length < 3)
        errors.add(
          `images.${index}.alt`,
          say(
            'Décrivez l’image en quelques mots : ce texte est lu aux personnes aveugles.',
            'Describe the picture in a few words: this text is read to blind people.',
          ),
        );
      return { url, alt };
    });
  }
  errors.throwIfAny();
  return out;
}

async function uniqueSlug(em: EntityManager, title: string): Promise<string> {
  const base = slugify(title);
  let slug = base;
  for (let n = 2; (await em.count(Project, { slug })) > 0; n++) slug = `${base}-${n}`;
  return slug;
}

/**
 * Publishes a project in the name of its holder organization. The one place where the
 * "may publish a project" rule lives (posting limit, charter signature when required).
 */
export async function createProject(em: EntityManager, author: User, input: ProjectFields & { holderId: string }): Promise<Project> {
  const holder = await getOrganization(em, input.holderId);
  await requireOrganizationEditor(em, holder.id, author);
  const fields = cleanProjectFields(input, true);
  await assertCharterSignedIfRequired(em, author);
  await assertCanPost(em, author, 'projets.project');
  if (input.tags) await ensureTags(em, spellTags(input.tags));
  const project = em.create(Project, {
    ...fields,
    title: fields.title!,
    summary: fields.summary!,
    stage: fields.stage!,
    slug: await uniqueSlug(em, fields.title!),
    holder,
    createdBy: author,
  });
  const image = await changeImage(
    em,
    author,
    { fileId: input.imageFileId, alt: input.imageAlt, current: { fileId: null, alt: null } },
    IMAGE_FIELDS,
  );
  if (image) Object.assign(project, { imageFileId: image.fileId, imageAlt: image.alt });
  em.create(ProjectTeamMember, { project, user: author });
  await em.flush();
  return project;
}

export async function updateProject(em: EntityManager, editor: User, input: ProjectFields & { projectId: string }): Promise<Project> {
  const project = await getProject(em, input.projectId);
  await requireProjectEditor(em, project, editor);
  const fields = cleanProjectFields(input, false);
  if (input.tags) await ensureTags(em, spellTags(input.tags));
  em.assign(project, fields);
  const current = { fileId: project.imageFileId, alt: project.imageAlt };
  const image = await changeImage(em, editor, { fileId: input.imageFileId, alt: input.imageAlt, current }, IMAGE_FIELDS);
  if (image) Object.assign(project, { imageFileId: image.fileId, imageAlt: image.alt });
  await em.flush();
  return project;
}

/** The input fields of the uploaded main image, named in the refusals. */
const IMAGE_FIELDS = { file: 'imageFileId', alt: 'imageAlt' };

export async function addTeamMember(
  em: EntityManager,
  editor: User,
  input: { projectId: string; userId?: string | null; email?: string | null; role?: string | null },
): Promise<ProjectTeamMember> {
  const project = await getProject(em, input.projectId);
  await requireProjectEditor(em, project, editor);
  const role = input.role?.trim() || null;
  if (role && role.length > 80)
    throw badInput({ role: say('Le rôle ne peut pas dépasser 80 caractères.', 'The role cannot exceed 80 characters.') });
  const user = input.userId
    ? await em.findOne(User, { id: input.userId })
    : input.email
      ? await em.findOne(User, { email: normalizeEmail(input.email) })
      : null;
  if (!user) {
    throw badInput({
      [input.userId ? 'userId' : 'email']: say(
        'Aucun membre de Maillage n’a ce compte : vérifiez l’adresse.',
        'No Maillage member has this account: check the address.',
      ),
    });
  }
  const existing = await em.findOne(ProjectTeamMember, { project, user });
  if (existing) throw conflict(say(`${user.displayName} fait déjà partie de l’équipe.`, `${user.displayName} is already in the team.`));
  const member = em.create(ProjectTeamMember, { project, user, role });
  await em.flush();
  return member;
}

export async function removeTeamMember(em: EntityManager, editor: User, input: { projectId: string; userId: string }): Promise<Project> {
  const project = await getProject(em, input.projectId);
  await requireProjectEditor(em, project, editor);
  const removed = await em.nativeDelete(ProjectTeamMember, { project, user: input.userId });
  if (removed === 0) throw notFound(say('Cette personne ne fait pas partie de l’équipe.', 'This person is not in the team.'));
  return project;
}

/** A project's campaigns, newest first; hidden ones only for those who run the project. */
export async function campaignsOf(em: EntityManager, project: Project, viewer: Viewer | null): Promise<Campaign[]> {
  const all = await em.find(Campaign, { project: project.id }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  if (all.every((campaign) => !campaign.hiddenAt)) return all;
  const manager = await canEditProject(em, project, viewer);
  return manager ? all : all.filter((campaign) => !campaign.hiddenAt);
}

export async function teamOf(em: EntityManager, projectId: string): Promise<ProjectTeamMember[]> {
  return em.find(ProjectTeamMember, { project: projectId }, { populate: ['user'], orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** Everyone who runs the project: its team and its holder's admins and editors (to tell them about applications). */
export async function projectManagerIds(em: EntityManager, projectId: string): Promise<string[]> {
  const rows = await query<{ user_id: string }>(
    em,
    sql`select t.user_id from project_team_member t where t.project_id = ${projectId}
        union
        select m.user_id from organization_member m join project p on p.holder_id = m.organization_id
         where p.id = ${projectId} and m.role in ('admin', 'editor')`,
  );
  return rows.map((row) => row.user_id);
}
