import { wrap } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import { renderMarkdown } from '../../shared/markdown.js';
import type { User } from '../comptes/user.entity.js';
import { Organization } from '../reseau/organization.entity.js';
import { Campaign } from './campaign.entity.js';
import { Project, ProjectTeamMember } from './project.entity.js';
import {
  AddProjectTeamMemberInput,
  CreateProjectInput,
  ProjectsArgs,
  RemoveProjectTeamMemberInput,
  UpdateProjectInput,
} from './projets.input.js';
import { ProjectCard, ProjectCardConnection } from './projets.types.js';
import { loadTags } from '../mots-cles/mots-cles.loaders.js';
import { Tag } from '../mots-cles/tag.entity.js';
import { ImageRef, imageRef } from '../fichiers/fichiers.types.js';
import * as projects from './projects.service.js';
import { searchProjects } from './projects.search.js';

@Resolver(() => Project)
export class ProjectsResolver {
  @FieldResolver(() => ImageRef, { nullable: true, description: 'The uploaded main image, with its alt text.' })
  image(@Root() project: Project): ImageRef | null {
    return imageRef(project.imageFileId, project.imageAlt);
  }

  @Query(() => ProjectCardConnection, { description: 'Projects of the network, searched and ranked with the weights you set.' })
  async projects(@Args(() => ProjectsArgs) args: ProjectsArgs, @Ctx() ctx: Context) {
    return searchProjects(ctx.em, args);
  }

  @Query(() => Project, { nullable: true, description: 'One project, by id or by slug.' })
  async project(
    @Ctx() ctx: Context,
    @CurrentViewer() viewer: Viewer | null,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('slug', () => String, { nullable: true }) slug?: string,
  ): Promise<Project | null> {
    return projects.findVisibleProject(ctx.em, { id, slug }, viewer);
  }

  @Mutation(() => Project, { description: 'Publishes a project for an organization you edit; you join its team.' })
  @Authorized('VERIFIED')
  async createProject(@Arg('input', () => CreateProjectInput) input: CreateProjectInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return projects.createProject(ctx.em, user, input);
  }

  @Mutation(() => Project)
  @Authorized('VERIFIED')
  async updateProject(@Arg('input', () => UpdateProjectInput) input: UpdateProjectInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return projects.updateProject(ctx.em, user, input);
  }

  @Mutation(() => ProjectTeamMember)
  @Authorized('VERIFIED')
  async addProjectTeamMember(
    @Arg('input', () => AddProjectTeamMemberInput) input: AddProjectTeamMemberInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return projects.addTeamMember(ctx.em, user, input);
  }

  @Mutation(() => Project)
  @Authorized('VERIFIED')
  async removeProjectTeamMember(
    @Arg('input', () => RemoveProjectTeamMemberInput) input: RemoveProjectTeamMemberInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return projects.removeTeamMember(ctx.em, user, input);
  }

  @FieldResolver(() => Organization)
  async holder(@Root() project: Project): Promise<Organization> {
    const wrapped = wrap(project.holder, true);
    return wrapped.isInitialized() ? project.holder : ((await wrapped.init()) as Organization);
  }

  @FieldResolver(() => String, { description: 'The description rendered as safe HTML.' })
  descriptionHtml(@Root() project: Project): string {
    return renderMarkdown(project.description);
  }

  @FieldResolver(() => String, { description: '"How to reproduce it elsewhere" rendered as safe HTML.' })
  essaimageHtml(@Root() project: Project): string {
    return renderMarkdown(project.essaimage);
  }

  @FieldResolver(() => [Tag], { description: 'Its `tags` with their labels ("Démarches en ligne").' })
  tagList(@Root() project: Project, @Ctx() ctx: Context): Promise<Tag[]> {
    return loadTags(ctx, project.tags);
  }

  @FieldResolver(() => [ProjectTeamMember])
  async team(@Root() project: Project, @Ctx() ctx: Context): Promise<ProjectTeamMember[]> {
    return projects.teamOf(ctx.em, project.id);
  }

  @FieldResolver(() => [Campaign], { description: 'Its beta-test campaigns, newest first.' })
  async campaigns(@Root() project: Project, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context): Promise<Campaign[]> {
    return projects.campaignsOf(ctx.em, project, viewer);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the signed-in user may edit the project and run its campaigns.' })
  async canEdit(@Root() project: Project, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context): Promise<boolean> {
    return projects.canEditProject(ctx.em, project, viewer);
  }
}

@Resolver(() => ProjectCard)
export class ProjectCardResolver {
  @FieldResolver(() => [Tag], { description: 'Its `tags` with their labels ("Démarches en ligne").' })
  tagList(@Root() project: ProjectCard, @Ctx() ctx: Context): Promise<Tag[]> {
    return loadTags(ctx, project.tags);
  }
}
