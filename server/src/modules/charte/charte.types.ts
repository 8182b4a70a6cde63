import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { HAS_PROFILE_DESCRIPTION } from '../comptes/comptes.read.js';
import { connectionOf } from '../../graphql/connection.js';
import { AmendmentStatus } from './charter-amendment.entity.js';
import { CharterArticle, CharterVersion } from './charter-version.entity.js';

export enum DiffSegmentKind {
  SAME = 'same',
  INSERTED = 'inserted',
  DELETED = 'deleted',
}
registerEnumType(DiffSegmentKind, { name: 'DiffSegmentKind', description: 'Words that stayed, were added, or were removed.' });

export enum ArticleChange {
  ADDED = 'added',
  REMOVED = 'removed',
  CHANGED = 'changed',
  UNCHANGED = 'unchanged',
}
registerEnumType(ArticleChange, { name: 'ArticleChange' });

export enum SignerKind {
  /** A member signing in their own name. */
  PERSON = 'person',
  /** An organization, through one of its admins. */
  ORGANIZATION = 'organization',
}
registerEnumType(SignerKind, { name: 'SignerKind' });

@ObjectType({ description: 'A run of words in a difference between two texts.' })
export class DiffSegment {
  @Field(() => DiffSegmentKind)
  kind!: DiffSegmentKind;

  @Field(() => String)
  text!: string;
}

@ObjectType({ description: 'How one article changed between two versions, word by word.' })
export class ArticleDiff {
  @Field(() => Int)
  number!: number;

  @Field(() => ArticleChange)
  change!: ArticleChange;

  @Field(() => String, { nullable: true })
  titleBefore!: string | null;

  @Field(() => String, { nullable: true })
  titleAfter!: string | null;

  @Field(() => [DiffSegment])
  title!: DiffSegment[];

  @Field(() => [DiffSegment])
  body!: DiffSegment[];

  @Field(() => String, { description: 'The body with "[+ added +]" and "[- removed -]" markers, readable without colours.' })
  bodyMarked!: string;
}

@ObjectType({ description: 'The differences between two versions of the charter.' })
export class CharterDiff {
  @Field(() => Int)
  fromNumber!: number;

  @Field(() => Int)
  toNumber!: number;

  @Field(() => Int, { description: 'Articles added, removed or changed.' })
  changedCount!: number;

  @Field(() => [ArticleDiff], { description: 'Every article of both versions, in order.' })
  articles!: ArticleDiff[];
}

@ObjectType({ description: 'A person as shown beside what they wrote.' })
export class CharterPerson {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Boolean, { description: HAS_PROFILE_DESCRIPTION })
  hasProfile!: boolean;
}

@ObjectType({ description: 'An entry of the public list of signatories.' })
export class CharterSignatory {
  @Field(() => ID, { description: 'The signature.' })
  id!: string;

  @Field(() => SignerKind)
  kind!: SignerKind;

  @Field(() => String, { description: 'The person, or the organization when signed on its behalf.' })
  name!: string;

  @Field(() => CharterPerson, { description: 'Who signed (for an organization, the admin who signed on its behalf).' })
  signer!: CharterPerson;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => String, { nullable: true })
  organizationName!: string | null;

  @Field(() => String, { nullable: true })
  organizationSlug!: string | null;

  @Field(() => String, { nullable: true, description: 'Département code.' })
  departement!: string | null;

  @Field(() => Int, { description: 'The version signed (the latest this signatory signed).' })
  versionNumber!: number;

  @Field(() => Boolean, { description: 'Whether that is the current version.' })
  signedCurrentVersion!: boolean;

  @Field(() => Date)
  signedAt!: Date;
}

@ObjectType()
export class SignatoryCount {
  @Field(() => String, { nullable: true, description: 'The département (null: not given).' })
  departement!: string | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class SignerKindCount {
  @Field(() => SignerKind)
  kind!: SignerKind;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class CharterSignatoryConnection extends connectionOf(CharterSignatory) {
  @Field(() => [SignatoryCount], { description: 'Signatories per département (with every filter but département and kind).' })
  byDepartement!: SignatoryCount[];

  @Field(() => [SignerKindCount], { description: 'Signatories per kind (with every filter but département and kind).' })
  byKind!: SignerKindCount[];
}

@ObjectType({ description: 'A version of the charter in the version history.' })
export class CharterVersionSummary {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  number!: number;

  @Field(() => Date)
  publishedAt!: Date;

  @Field(() => String)
  changelog!: string;

  @Field(() => Int, { description: 'Signatures of exactly this version, not withdrawn.' })
  signatureCount!: number;

  @Field(() => Int, { description: 'Accepted amendments carried by this version.' })
  amendmentCount!: number;

  @Field(() => Boolean)
  isCurrent!: boolean;
}

@ObjectType()
export class CharterVersionConnection extends connectionOf(CharterVersionSummary) {}

@ObjectType({ description: 'The article an amendment proposes to change, as it was when proposed.' })
export class AmendedArticle {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  number!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => Int)
  versionNumber!: number;
}

@ObjectType({ description: 'A proposal to change one article of the charter.' })
export class Amendment {
  @Field(() => ID)
  id!: string;

  @Field(() => AmendedArticle)
  article!: AmendedArticle;

  @Field(() => CharterPerson)
  author!: CharterPerson;

  @Field(() => String, { nullable: true })
  proposedTitle!: string | null;

  @Field(() => String, { description: 'The proposed text of the article, Markdown as written.' })
  proposedBody!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => AmendmentStatus)
  status!: AmendmentStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The committee's answer." })
  decisionReply!: string | null;

  @Field(() => String, { nullable: true, description: 'The text the committee retained, when it differs from the proposal.' })
  adoptedBody!: string | null;

  @Field(() => Int, { nullable: true, description: 'The version that carries it, once published.' })
  incorporatedInVersion!: number | null;

  @Field(() => Int)
  supportCount!: number;

  @Field(() => Int)
  commentCount!: number;

  @Field(() => Boolean, { description: 'Whether the signed-in member supports it.' })
  supportedByMe!: boolean;

  @Field(() => Date, { nullable: true, description: 'Set when a moderator hid it; only its author and moderators still see it.' })
  hiddenAt!: Date | null;

  @Field(() => String, { nullable: true })
  hiddenReason!: string | null;
}

@ObjectType()
export class AmendmentConnection extends connectionOf(Amendment) {}

@ObjectType()
export class AmendmentComment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  amendmentId!: string;

  @Field(() => CharterPerson)
  author!: CharterPerson;

  @Field(() => String, { description: 'Markdown as written.' })
  body!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set when a moderator hid it; only its author and moderators still see it.' })
  hiddenAt!: Date | null;

  @Field(() => String, { nullable: true })
  hiddenReason!: string | null;
}

@ObjectType()
export class AmendmentCommentConnection extends connectionOf(AmendmentComment) {}

@ObjectType({ description: 'Where an organization the signed-in user administers stands with the charter.' })
export class OrganizationCharterStatus {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  organizationName!: string;

  @Field(() => Int, { nullable: true, description: 'The latest version signed on its behalf (null: never, or withdrawn).' })
  signedVersion!: number | null;
}

@ObjectType({ description: 'Where the signed-in member stands with the charter.' })
export class MyCharterStatus {
  @Field(() => Int, { nullable: true, description: 'null while no version is published.' })
  currentVersion!: number | null;

  @Field(() => Int, { nullable: true, description: 'The latest version signed in their own name (null: never, or withdrawn).' })
  signedVersion!: number | null;

  @Field(() => Boolean)
  signedCurrent!: boolean;

  @Field(() => Boolean, { description: 'They signed an older version: "une nouvelle version attend votre signature".' })
  newVersionAwaitsSignature!: boolean;

  @Field(() => CharterDiff, { nullable: true, description: 'What changed since the version they signed.' })
  changesSinceSigned!: CharterDiff | null;

  @Field(() => Boolean, { description: 'Whether they may propose amendments (signed the current version).' })
  canAmend!: boolean;

  @Field(() => Boolean, { description: 'Whether the charter lets them publish events, time-bank posts and projects.' })
  canPublish!: boolean;

  @Field(() => [OrganizationCharterStatus], { description: 'The organizations they administer, and what each signed.' })
  organizations!: OrganizationCharterStatus[];
}

@ObjectType({ description: 'The next version as it would be published now: the current one with the accepted amendments.' })
export class CharterDraft {
  @Field(() => Int, { nullable: true })
  basedOnVersion!: number | null;

  @Field(() => [DraftArticle])
  articles!: DraftArticle[];

  @Field(() => [Amendment], { description: 'Accepted amendments the next version will carry.' })
  amendments!: Amendment[];

  @Field(() => CharterDiff, { nullable: true })
  diff!: CharterDiff | null;

  @Field(() => String, { description: 'A changelog to start from, listing the amendments.' })
  suggestedChangelog!: string;
}

@ObjectType()
export class DraftArticle {
  @Field(() => Int)
  number!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;
}

@ObjectType()
export class CharterSettingsView {
  @Field(() => Boolean, { description: 'Publishing events, time-bank posts and projects needs a signature of the current version.' })
  signatureRequiredToPublish!: boolean;
}

export { CharterArticle, CharterVersion };
