import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CurrentUser, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import { PageArgs } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { normalizeTag } from '../../shared/tags.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from '../reseau/organization.entity.js';
import { isOrganizationAdmin } from '../reseau/organisations.service.js';
import {
  AddResourceFeedbackArgs,
  CreateResourceBaseInput,
  CreateResourceCollectionArgs,
  UpdateResourceArgs,
  UpdateResourceCollectionArgs,
  ResourceFeedbackArgs,
  ResourceInput,
  ResourcesArgs,
  UpdateResourceBaseInput,
} from './ressources.input.js';
import { KIND_LABELS, LICENCES } from './ressources.licences.js';
import { loaders } from './ressources.loaders.js';
import * as read from './ressources.read.js';
import * as ressources from './ressources.service.js';
import {
  ResourceBaseView,
  ResourceCitation,
  ResourceCollectionView,
  ResourceConnection,
  ResourceFeedbackConnection,
  ResourceFeedbackPayload,
  ResourceFeedbackView,
  ResourceFile,
  ResourceVersionView,
  ResourceView,
  ResourceVocabulary,
} from './ressources.types.js';

async function baseOrFail(ctx: Context, key: { id?: string; slug?: string }): Promise<ResourceBaseView> {
  const base = await read.readBase(ctx.em, key);
  if (!base) throw notFound(say('Cette base de ressources n’existe pas.', 'This resource base does not exist.'));
  return base;
}

async function collectionOrFail(ctx: Context, user: User, id: string): Promise<ResourceCollectionView> {
  const collection = await read.readCollection(ctx.em, { id }, null, ressources.viewerOf(user));
  if (!collection) throw notFound();
  return collection;
}

@Resolver(() => ResourceView)
export class ResourcesResolver {
  @Query(() => ResourceConnection, {
    description:
      'Resources the viewer may see, newest first; with `search` (also inside attached files), the most relevant first (title, then summary, content, files). Filters.',
  })
  async resources(@Args(() => ResourcesArgs) args: ResourcesArgs, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context) {
    if (args.level != null && (args.level < 1 || args.level > 5))
      throw badInput({ level: say('Les niveaux vont de 1 à 5.', 'Levels go from 1 to 5.') });
    return read.listResources(
      ctx.em,
      {
        search: args.search?.trim() || null,
        theme: args.theme || null,
        public: args.public || null,
        level: args.level ?? null,
        kind: args.kind ?? null,
        licence: args.licence ?? null,
        baseSlug: args.baseSlug || null,
        tag: args.tag ? normalizeTag(args.tag) || null : null,
      },
      ressources.viewerOf(user),
      args,
    );
  }

  @Query(() => ResourceView, { nullable: true, description: 'One resource, if the viewer may see it (null otherwise).' })
  async resource(@Arg('slug', () => String) slug: string, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context) {
    return read.readResource(ctx.em, { slug }, ressources.viewerOf(user));
  }

  @Query(() => ResourceVocabulary, { description: 'The themes and publics of the national standard a resource may carry.' })
  resourceVocabulary(): ResourceVocabulary {
    return { themes: [...ressources.THEMES], publics: [...ressources.PUBLICS] };
  }

  @Query(() => ResourceFeedbackConnection, { description: 'What members said after using a resource, newest first.' })
  async resourceFeedback(
    @Args(() => ResourceFeedbackArgs) args: ResourceFeedbackArgs,
    @CurrentViewer() user: Viewer | null,
    @Ctx() ctx: Context,
  ) {
    const resource = await ressources.resourceOrFail(ctx.em, { id: args.resourceId }, user);
    return read.feedbackOf(ctx.em, resource.id, args);
  }

  @Mutation(() => ResourceView, { description: 'Publishes a resource (version 1).' })
  @Authorized('VERIFIED')
  async createResource(@Arg('input', () => ResourceInput) input: ResourceInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    const id = await ressources.createResource(ctx.em, user, input);
    return ressources.resourceOrFail(ctx.em, { id }, user);
  }

  @Mutation(() => ResourceView, { description: 'Updates a resource: a new version, with a note saying what changed.' })
  @Authorized('VERIFIED')
  async updateResource(@Args(() => UpdateResourceArgs) args: UpdateResourceArgs, @CurrentUser() user: User, @Ctx() ctx: Context) {
    await ressources.updateResource(ctx.em, user, args.id, args.input, args.versionNote);
    return ressources.resourceOrFail(ctx.em, { id: args.id }, user);
  }

  @Mutation(() => Boolean, { description: 'Deletes a resource (its creator, the base admins).' })
  @Authorized('VERIFIED')
  async deleteResource(@Arg('id', () => ID) id: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return ressources.deleteResource(ctx.em, user, id);
  }

  @Mutation(() => ResourceFeedbackPayload, {
    description: '"J\'ai utilisé cette ressource": a rating 1 to 5 and a comment; given again, it is updated.',
  })
  @Authorized('VERIFIED')
  async addResourceFeedback(
    @Args(() => AddResourceFeedbackArgs) args: AddResourceFeedbackArgs,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<ResourceFeedbackPayload> {
    await ressources.addFeedback(ctx.em, user, args.resourceId, args.rating, args.comment);
    const feedback = await read.myFeedback(ctx.em, args.resourceId, user.id);
    return { feedback: feedback!, resource: await ressources.resourceOrFail(ctx.em, { id: args.resourceId }, user) };
  }

  @FieldResolver(() => String, { description: 'The content as safe HTML (images only from uploaded files).' })
  contentHtml(@Root() resource: ResourceView): string {
    return renderMarkdown(resource.contentMarkdown, { uploadedImages: true });
  }

  @FieldResolver(() => String, { description: 'The licence in words, in the reader’s language.' })
  licenceLabel(@Root() resource: ResourceView, @Ctx() ctx: Context): string {
    return LICENCES[resource.licence].label[ctx.lang];
  }

  @FieldResolver(() => String, { description: 'What the licence allows, in plain words.' })
  licenceMeaning(@Root() resource: ResourceView, @Ctx() ctx: Context): string {
    return LICENCES[resource.licence].meaning[ctx.lang];
  }

  @FieldResolver(() => String, { nullable: true, description: 'The licence’s own text.' })
  licenceUrl(@Root() resource: ResourceView): string | null {
    return LICENCES[resource.licence].url;
  }

  @FieldResolver(() => String, { description: 'The kind in words.' })
  kindLabel(@Root() resource: ResourceView, @Ctx() ctx: Context): string {
    return KIND_LABELS[resource.kind][ctx.lang];
  }

  @FieldResolver(() => [ResourceFile], { description: 'Attached files, in order.' })
  async files(@Root() resource: ResourceView, @Ctx() ctx: Context): Promise<ResourceFile[]> {
    const files = await loaders(ctx).files.loadMany(resource.fileIds);
    return files.flatMap((file) => (file && !(file instanceof Error) ? [file] : []));
  }

  @FieldResolver(() => [ResourceVersionView], { description: 'Versions, newest first.' })
  async versions(@Root() resource: ResourceView, @Ctx() ctx: Context): Promise<ResourceVersionView[]> {
    return read.versionsOf(ctx.em, resource.id);
  }

  @FieldResolver(() => ResourceFeedbackView, { nullable: true, description: 'My own feedback, if I gave one.' })
  async myFeedback(@Root() resource: ResourceView, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context) {
    return user ? read.myFeedback(ctx.em, resource.id, user.id) : null;
  }

  @FieldResolver(() => [ResourceCitation], { description: 'Questions and answers (Entraide) that cite it, newest first.' })
  async citedBy(@Root() resource: ResourceView, @Ctx() ctx: Context): Promise<ResourceCitation[]> {
    return read.citationsOf(ctx.em, resource.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer may edit it (an author, the base’s admins and editors).' })
  async viewerCanEdit(@Root() resource: ResourceView, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context): Promise<boolean> {
    return ressources.canEditResource(ctx.em, resource, user);
  }
}

@Resolver(() => ResourceBaseView)
export class ResourceBasesResolver {
  @Query(() => ResourceBaseView, { nullable: true })
  async resourceBase(@Arg('slug', () => String) slug: string, @Ctx() ctx: Context) {
    return read.readBase(ctx.em, { slug });
  }

  @Query(() => [ResourceBaseView], { description: 'The bases I publish in (my organizations where I am admin or editor).' })
  @Authorized()
  async myResourceBases(@CurrentUser() user: User, @Ctx() ctx: Context) {
    return read.basesOfEditor(ctx.em, user.id);
  }

  @Mutation(() => ResourceBaseView, {
    description: "Opens the organization's base of resources (its admins); the existing one if there is.",
  })
  @Authorized('VERIFIED')
  async createResourceBase(
    @Arg('input', () => CreateResourceBaseInput) input: CreateResourceBaseInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const id = await ressources.createResourceBase(ctx.em, user, input);
    return baseOrFail(ctx, { id });
  }

  @Mutation(() => ResourceBaseView)
  @Authorized('VERIFIED')
  async updateResourceBase(
    @Arg('input', () => UpdateResourceBaseInput) input: UpdateResourceBaseInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const id = await ressources.updateResourceBase(ctx.em, user, input);
    return baseOrFail(ctx, { id });
  }

  @Mutation(() => ResourceBaseView, { description: 'Be told of its new resources.' })
  @Authorized('VERIFIED')
  async followResourceBase(@Arg('baseId', () => ID) baseId: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    await ressources.setBaseFollow(ctx.em, user, baseId, true);
    return baseOrFail(ctx, { id: baseId });
  }

  @Mutation(() => ResourceBaseView)
  @Authorized('VERIFIED')
  async unfollowResourceBase(@Arg('baseId', () => ID) baseId: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    await ressources.setBaseFollow(ctx.em, user, baseId, false);
    return baseOrFail(ctx, { id: baseId });
  }

  @FieldResolver(() => Organization)
  async organization(@Root() base: ResourceBaseView, @Ctx() ctx: Context) {
    return ctx.em.findOneOrFail(Organization, { id: base.organizationId });
  }

  @FieldResolver(() => Int, { description: 'Resources the viewer may see (exact up to 1000).' })
  async resourceCount(@Root() base: ResourceBaseView, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context) {
    return read.baseResourceCount(ctx.em, base.id, ressources.viewerOf(user));
  }

  @FieldResolver(() => Boolean)
  async followedByMe(@Root() base: ResourceBaseView, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context) {
    return user ? read.isFollowingBase(ctx.em, base.id, user.id) : false;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer manages it (an admin of its organization).' })
  async viewerCanManage(@Root() base: ResourceBaseView, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context) {
    return isOrganizationAdmin(ctx.em, base.organizationId, user);
  }

  @FieldResolver(() => ResourceConnection)
  async resources(
    @Root() base: ResourceBaseView,
    @Args(() => PageArgs) args: PageArgs,
    @CurrentViewer() user: Viewer | null,
    @Ctx() ctx: Context,
  ) {
    return read.baseResources(ctx.em, base.slug, ressources.viewerOf(user), args);
  }
}

@Resolver(() => ResourceCollectionView)
export class ResourceCollectionsResolver {
  @Query(() => ResourceCollectionView, {
    nullable: true,
    description: 'A collection: public, mine, or private with its shared link’s key (`token`).',
  })
  async resourceCollection(
    @Arg('slug', () => String) slug: string,
    @Arg('token', () => String, { nullable: true }) token: string | null,
    @CurrentViewer() user: Viewer | null,
    @Ctx() ctx: Context,
  ) {
    return read.readCollection(ctx.em, { slug }, token ?? null, ressources.viewerOf(user));
  }

  @Query(() => [ResourceCollectionView])
  @Authorized()
  async myResourceCollections(@CurrentUser() user: User, @Ctx() ctx: Context) {
    return read.collectionsOf(ctx.em, ressources.viewerOf(user)!);
  }

  @Mutation(() => ResourceCollectionView)
  @Authorized('VERIFIED')
  async createResourceCollection(
    @Args(() => CreateResourceCollectionArgs) args: CreateResourceCollectionArgs,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const id = await ressources.createCollection(ctx.em, user, args);
    return collectionOrFail(ctx, user, id);
  }

  @Mutation(() => ResourceCollectionView)
  @Authorized('VERIFIED')
  async updateResourceCollection(
    @Args(() => UpdateResourceCollectionArgs) args: UpdateResourceCollectionArgs,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    await ressources.updateCollection(ctx.em, user, args);
    return collectionOrFail(ctx, user, args.id);
  }

  @Mutation(() => Boolean)
  @Authorized('VERIFIED')
  async deleteResourceCollection(@Arg('id', () => ID) id: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return ressources.deleteCollection(ctx.em, user, id);
  }

  @Mutation(() => ResourceCollectionView, {
    description: 'Saves a resource into one of my collections, or into a new one (`newCollectionTitle`).',
  })
  @Authorized('VERIFIED')
  async saveResourceToCollection(
    @Arg('resourceId', () => ID) resourceId: string,
    @Arg('collectionId', () => ID, { nullable: true }) collectionId: string | null,
    @Arg('newCollectionTitle', () => String, { nullable: true }) newCollectionTitle: string | null,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const id = await ressources.saveToCollection(ctx.em, user, { resourceId, collectionId, newCollectionTitle });
    return collectionOrFail(ctx, user, id);
  }

  @Mutation(() => ResourceCollectionView)
  @Authorized('VERIFIED')
  async removeResourceFromCollection(
    @Arg('resourceId', () => ID) resourceId: string,
    @Arg('collectionId', () => ID) collectionId: string,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const id = await ressources.removeFromCollection(ctx.em, user, { resourceId, collectionId });
    return collectionOrFail(ctx, user, id);
  }

  @FieldResolver(() => ResourceConnection, { description: 'Its resources the viewer may see, most recently added first.' })
  async resources(
    @Root() collection: ResourceCollectionView,
    @Args(() => PageArgs) args: PageArgs,
    @CurrentViewer() user: Viewer | null,
    @Ctx() ctx: Context,
  ) {
    return read.collectionResources(ctx.em, collection.id, ressources.viewerOf(user), args);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The shared link of a private collection (its owner only).' })
  sharedUrl(@Root() collection: ResourceCollectionView, @CurrentViewer() user: Viewer | null): string | null {
    if (!user || collection.ownerId !== user.id) return null;
    return `/ressources/collections/${collection.slug}?cle=${collection.shareToken}`;
  }

  @FieldResolver(() => Boolean)
  viewerIsOwner(@Root() collection: ResourceCollectionView, @CurrentViewer() user: Viewer | null): boolean {
    return !!user && collection.ownerId === user.id;
  }
}
