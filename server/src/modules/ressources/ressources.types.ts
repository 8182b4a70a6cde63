import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { Tag } from '../mots-cles/tag.entity.js';
import { MemberCard } from '../entraide/entraide.types.js';
import { OrganizationRef } from '../reseau/organisations.types.js';

export enum ResourceKind {
  FICHE_PRATIQUE = 'fiche_pratique',
  PARCOURS = 'parcours',
  SUPPORT_ATELIER = 'support_atelier',
  KIT_FORMATION = 'kit_formation',
  OUTIL = 'outil',
  VIDEO = 'video',
  AUTRE = 'autre',
}
registerEnumType(ResourceKind, { name: 'ResourceKind', description: 'What kind of resource it is.' });

export enum ResourceLicence {
  LICENCE_OUVERTE = 'licence_ouverte',
  CC_BY = 'cc_by',
  CC_BY_SA = 'cc_by_sa',
  CC_BY_NC = 'cc_by_nc',
  TOUS_DROITS_RESERVES = 'tous_droits_reserves',
}
registerEnumType(ResourceLicence, { name: 'ResourceLicence', description: 'The licence under which others may reuse it.' });

export enum ResourceVisibility {
  /** Everyone, visitors included (and search engines, the open-data listing when the licence is open). */
  PUBLIC = 'public',
  /** Signed-in members. */
  MEMBRES = 'membres',
  /** Members of the base's organization only. */
  ORGANISATION = 'organisation',
}
registerEnumType(ResourceVisibility, { name: 'ResourceVisibility' });

export enum CollectionVisibility {
  PUBLIC = 'public',
  /** Seen by its owner, and by whoever has its shared link. */
  PRIVATE = 'private',
}
registerEnumType(CollectionVisibility, { name: 'CollectionVisibility' });

@ObjectType({ description: 'A file attached to a resource (uploaded through POST /api/fichiers).', simpleResolvers: true })
export class ResourceFile {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int, { description: 'Bytes.' })
  size!: number;

  @Field(() => String)
  url!: string;

  @Field(() => String, { nullable: true })
  thumbnailUrl!: string | null;
}

@ObjectType({ description: 'An external link of a resource.', simpleResolvers: true })
export class ResourceLink {
  @Field(() => String)
  url!: string;

  @Field(() => String)
  title!: string;
}

@ObjectType({ description: 'A version of a resource: its number, what changed, when and by whom.', simpleResolvers: true })
export class ResourceVersionView {
  @Field(() => Int)
  number!: number;

  @Field(() => String)
  note!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => MemberCard, { nullable: true, description: 'Null when the account was deleted.' })
  author!: MemberCard | null;
}

@ObjectType('ResourceFeedback', { description: '"J\'ai utilisé cette ressource": a rating and a comment.', simpleResolvers: true })
export class ResourceFeedbackView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1 to 5.' })
  rating!: number;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => MemberCard, { nullable: true, description: 'Null when the account was deleted (the comment is then erased).' })
  author!: MemberCard | null;

  @Field(() => Date)
  at!: Date;
}

@ObjectType({ description: 'A question (Entraide) or other content that cites a resource.', simpleResolvers: true })
export class ResourceCitation {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  url!: string;

  @Field(() => String, { description: 'What cites it: `entraide.question`, `entraide.answer`.' })
  sourceType!: string;
}

@ObjectType('ResourceBase', { description: "An organization's (or network's) base of resources, managed by its admins." })
export class ResourceBaseView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  organizationId!: string;
}

@ObjectType('Resource', { description: 'A resource of the network: a sheet, a course, workshop slides, a kit…' })
export class ResourceView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => String, { description: 'Markdown as written.' })
  contentMarkdown!: string;

  @Field(() => ResourceKind)
  kind!: ResourceKind;

  @Field(() => ResourceLicence)
  licence!: ResourceLicence;

  @Field(() => ResourceVisibility)
  visibility!: ResourceVisibility;

  @Field(() => [String], { description: 'Services of the national standard.' })
  themes!: string[];

  @Field(() => [Tag])
  tags!: Tag[];

  @Field(() => [String], { description: 'Publics of the national standard.' })
  publics!: string[];

  @Field(() => [Int], { description: 'Levels 1 to 5.' })
  levels!: number[];

  @Field(() => ResourceBaseView, { nullable: true })
  base!: ResourceBaseView | null;

  @Field(() => [MemberCard])
  authors!: MemberCard[];

  @Field(() => [OrganizationRef])
  authorOrganizations!: OrganizationRef[];

  @Field(() => [ResourceLink])
  links!: ResourceLink[];

  @Field(() => Int)
  feedbackCount!: number;

  @Field(() => Float, { nullable: true, description: 'Average rating (1 to 5), null when nobody rated it yet.' })
  averageRating!: number | null;

  @Field(() => Int, { description: 'How many versions (1 for a resource never updated).' })
  versionCount!: number;

  @Field(() => Boolean, { description: 'Whether it is in one of my collections (false for a visitor).' })
  savedInMyCollections!: boolean;

  @Field(() => Date)
  publishedAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Hidden by moderation (only its authors and moderators still see it).' })
  hiddenAt!: Date | null;

  @Field(() => String, { nullable: true })
  hiddenReason!: string | null;

  fileIds!: string[];
  createdById!: string;
  baseOrganizationId!: string | null;
}

@ObjectType()
export class ResourceConnection extends connectionOf(ResourceView) {}

@ObjectType()
export class ResourceFeedbackConnection extends connectionOf(ResourceFeedbackView) {}

@ObjectType('ResourceCollection', { description: 'A collection of resources made by a member.' })
export class ResourceCollectionView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => CollectionVisibility)
  visibility!: CollectionVisibility;

  @Field(() => MemberCard)
  owner!: MemberCard;

  @Field(() => Int, { description: 'Resources in it that the viewer may see (exact up to 1000).' })
  resourceCount!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  shareToken!: string;
  ownerId!: string;
}

@ObjectType('ResourceFeedbackPayload', {
  description: 'The feedback given, and the resource with its counts updated.',
  simpleResolvers: true,
})
export class ResourceFeedbackPayload {
  @Field(() => ResourceFeedbackView)
  feedback!: ResourceFeedbackView;

  @Field(() => ResourceView)
  resource!: ResourceView;
}

@ObjectType({ description: 'The themes and publics of the national standard a resource may carry.', simpleResolvers: true })
export class ResourceVocabulary {
  @Field(() => [String])
  themes!: string[];

  @Field(() => [String])
  publics!: string[];
}
