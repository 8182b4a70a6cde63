import DataLoader from 'dataloader';
import type { Connection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { firstComments, invitationsOf, type CommentTarget } from './entraide-social.read.js';
import type { CommentView, InvitationView } from './entraide-social.types.js';
import { viewerOf } from './entraide.service.js';

/** Per-request batches of comments and invitations: one statement for a whole page of questions or answers. */
export interface SocialLoaders {
  comments: DataLoader<CommentTarget, Connection<CommentView>>;
  invitations: DataLoader<string, InvitationView[]>;
}

const perRequest = new WeakMap<Context, SocialLoaders>();

export function socialLoaders(ctx: Context): SocialLoaders {
  let found = perRequest.get(ctx);
  if (!found) {
    const viewer = viewerOf(ctx.user);
    found = {
      comments: new DataLoader(async (targets) => {
        const pages = await firstComments(ctx.em, targets, viewer);
        return targets.map((target) => pages.get(target)!);
      }),
      invitations: new DataLoader(async (questionIds) => {
        const byQuestion = await invitationsOf(ctx.em, questionIds);
        return questionIds.map((id) => byQuestion.get(id) ?? []);
      }),
    };
    perRequest.set(ctx, found);
  }
  return found;
}
