import { Field, ID, Int, ObjectType } from 'type-graphql';

/** The longest alt text of an image (logo, avatar, project or event image). */
export const ALT_MAX = 250;

/** Where a stored file is served (fichiers.http.ts); the name is only for people and their downloads. */
export function fileUrl(id: string, name = 'fichier'): string {
  return `/fichiers/${id}/${encodeURIComponent(safeName(name))}`;
}

export function thumbnailUrl(id: string): string {
  return `/fichiers/${id}/miniature`;
}

/** A name fit for an address and a download: letters, digits, dot, dash, underscore; ≤ 100 characters. */
export function safeName(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return plain.slice(-100) || 'fichier';
}

@ObjectType({ description: 'An uploaded image shown by a section (logo, avatar, project or event image), with its alt text.' })
export class ImageRef {
  @Field(() => ID)
  fileId!: string;

  @Field(() => String, { description: 'The image (2000 px at most), /fichiers/<id>/image.' })
  url!: string;

  @Field(() => String, { description: 'Its 400 px thumbnail, /fichiers/<id>/miniature.' })
  thumbnailUrl!: string;

  @Field(() => String, { description: 'What the image shows, for people who do not see it (required, ≤ 250 characters).' })
  alt!: string;
}

/** The image a section's row names (`…_file_id`, `…_alt`), without reading the file: its address is its id. */
export function imageRef(fileId: string | null | undefined, alt: string | null | undefined): ImageRef | null {
  if (!fileId) return null;
  return Object.assign(new ImageRef(), { fileId, url: fileUrl(fileId, 'image'), thumbnailUrl: thumbnailUrl(fileId), alt: alt ?? '' });
}

@ObjectType({ description: 'An uploaded file as a section shows it (a resource attachment…).' })
export class FileInfo {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => String, { nullable: true })
  thumbnailUrl!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int)
  size!: number;

  @Field(() => Int, { nullable: true })
  width!: number | null;

  @Field(() => Int, { nullable: true })
  height!: number | null;

  /** Who uploaded it (null once their account is deleted); not in the API: for the sections' own rules. */
  ownerId?: string | null;
  /** 'public' or 'members' (setFileVisibility). */
  visibility?: string;
}
