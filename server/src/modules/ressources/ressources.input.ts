import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { MaxLength } from '../../graphql/input-limits.js';
import { CollectionVisibility, ResourceKind, ResourceLicence, ResourceVisibility } from './ressources.types.js';

@InputType()
export class ResourceLinkInput {
  @Field(() => String, { description: 'https address, 2,000 characters at most.' })
  @MaxLength(2000)
  url!: string;

  @Field(() => String, { nullable: true, description: 'What people read (the address when empty).' })
  title?: string | null;
}

@InputType({ description: 'A resource as written in the editor.' })
export class ResourceInput {
  @Field(() => String, { description: '5 to 200 characters.' })
  title!: string;

  @Field(() => String, { description: 'One or two sentences, 500 characters at most.' })
  @MaxLength(500)
  summary!: string;

  @Field(() => String, { description: 'Markdown, 50,000 characters at most; images are uploaded files (POST /api/fichiers).' })
  @MaxLength(50000)
  contentMarkdown!: string;

  @Field(() => ResourceKind)
  kind!: ResourceKind;

  @Field(() => ResourceLicence)
  licence!: ResourceLicence;

  @Field(() => ResourceVisibility, { description: 'ORGANISATION needs a base.' })
  visibility!: ResourceVisibility;

  @Field(() => [String], { nullable: true, description: 'Services of the national standard (`resourceVocabulary.themes`).' })
  themes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Up to 8 tags (the shared list).' })
  tags?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Publics of the national standard (`resourceVocabulary.publics`).' })
  publics?: string[] | null;

  @Field(() => [Int], { nullable: true, description: 'Levels 1 to 5.' })
  levels?: number[] | null;

  @Field(() => ID, { nullable: true, description: 'The base it is published in (its organization admins and editors only).' })
  baseId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Members credited as authors besides the one who publishes (up to 10).' })
  coAuthorIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Organizations credited as authors (up to 5).' })
  authorOrganizationIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Files uploaded through POST /api/fichiers (up to 20), in order.' })
  fileIds?: string[] | null;

  @Field(() => [ResourceLinkInput], { nullable: true, description: 'Up to 20 external links.' })
  links?: ResourceLinkInput[] | null;
}

@ArgsType()
export class ResourcesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Words (French, accents ignored), also found inside attached files.' })
  search?: string | null;

  @Field(() => String, { nullable: true })
  theme?: string | null;

  @Field(() => String, { nullable: true })
  public?: string | null;

  @Field(() => Int, { nullable: true })
  level?: number | null;

  @Field(() => ResourceKind, { nullable: true })
  kind?: ResourceKind | null;

  @Field(() => ResourceLicence, { nullable: true })
  licence?: ResourceLicence | null;

  @Field(() => String, { nullable: true })
  baseSlug?: string | null;

  @Field(() => String, { nullable: true, description: 'A tag slug.' })
  tag?: string | null;
}

@ArgsType()
export class ResourceFeedbackArgs extends PageArgs {
  @Field(() => ID)
  resourceId!: string;
}

/** What a base's admins write about it, when opening it and when editing it. */
@InputType()
abstract class ResourceBaseFields {
  @Field(() => String, { nullable: true, description: "The base's name, 3 to 200 characters (left as it is when empty)." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '2,000 characters at most.' })
  @MaxLength(2000)
  description?: string | null;
}

@InputType({ description: "An organization's base; its name is the organization's when empty." })
export class CreateResourceBaseInput extends ResourceBaseFields {
  @Field(() => ID)
  organizationId!: string;
}

@InputType()
export class UpdateResourceBaseInput extends ResourceBaseFields {
  @Field(() => ID)
  id!: string;
}

@InputType()
export class ResourceCollectionInput {
  @Field(() => String, { description: '3 to 200 characters.' })
  title!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(1000)
  description?: string | null;

  @Field(() => CollectionVisibility, { nullable: true, description: 'PRIVATE by default.' })
  visibility?: CollectionVisibility | null;
}

@ArgsType()
export class UpdateResourceArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => ResourceInput)
  input!: ResourceInput;

  @Field(() => String, { description: 'What changed, 300 characters at most (shown in the versions).' })
  @MaxLength(300)
  versionNote!: string;
}

@ArgsType()
export class AddResourceFeedbackArgs {
  @Field(() => ID)
  resourceId!: string;

  @Field(() => Int, { description: '1 to 5.' })
  rating!: number;

  @Field(() => String, { nullable: true, description: '1,000 characters at most.' })
  @MaxLength(1000)
  comment?: string | null;
}

/** What a collection's owner writes about it, when creating it and when editing it. */
@ArgsType()
abstract class CollectionFieldsArgs {
  @Field(() => String, { nullable: true })
  @MaxLength(1000)
  description?: string | null;

  @Field(() => CollectionVisibility, { nullable: true, description: 'PRIVATE by default; left as it is when editing.' })
  visibility?: CollectionVisibility | null;
}

@ArgsType()
export class CreateResourceCollectionArgs extends CollectionFieldsArgs {
  @Field(() => String, { description: '3 to 200 characters.' })
  title!: string;
}

@ArgsType()
export class UpdateResourceCollectionArgs extends CollectionFieldsArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'A new shared link: the old one stops working.' })
  newShareLink?: boolean | null;
}
