import DataLoader from 'dataloader';
import type { Context } from '../../graphql/context.js';
import { tagsOf } from './mots-cles.service.js';
import type { Tag } from './tag.entity.js';

/**
 * Tags by slug for one request: the labels of every skill, project or post of a list come in one
 * statement (docs/read-models.md), whichever section's type asks for them.
 */
const perRequest = new WeakMap<Context, DataLoader<string, Tag>>();

function tagLoader(ctx: Context): DataLoader<string, Tag> {
  let found = perRequest.get(ctx);
  if (!found) {
    found = new DataLoader(async (slugs: readonly string[]) => tagsOf(ctx.em, slugs));
    perRequest.set(ctx, found);
  }
  return found;
}

/** The tags of these slugs with their labels ("Démarches en ligne"), in the order given. */
export function loadTags(ctx: Context, slugs: readonly string[] | null | undefined): Promise<Tag[]> {
  return Promise.all((slugs ?? []).map((slug) => tagLoader(ctx).load(slug)));
}
