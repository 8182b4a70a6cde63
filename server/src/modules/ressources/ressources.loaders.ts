import DataLoader from 'dataloader';
import type { Context } from '../../graphql/context.js';
import { filesInfo } from './ressources.files.js';
import type { ResourceFile } from './ressources.types.js';

/** Per-request batches: the files of every resource of a list cost one call to the fichiers service. */
export interface RessourcesLoaders {
  files: DataLoader<string, ResourceFile | null>;
}

const perRequest = new WeakMap<Context, RessourcesLoaders>();

export function loaders(ctx: Context): RessourcesLoaders {
  let found = perRequest.get(ctx);
  if (!found) {
    found = {
      files: new DataLoader(async (ids) => {
        const files = await filesInfo(ctx.em, ids);
        return ids.map((id) => files.find((file) => file.id === id) ?? null);
      }),
    };
    perRequest.set(ctx, found);
  }
  return found;
}
