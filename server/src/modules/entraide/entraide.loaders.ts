import DataLoader from 'dataloader';
import type { Context } from '../../graphql/context.js';
import type { AnswerView, Expertise } from './entraide.types.js';
import { answersOf, expertiseOf, tagStats, type TagStats } from './entraide.read.js';
import { viewerOf } from './entraide.service.js';

/**
 * Per-request batches: a field asked on every item of a list (answers, a member's expertise,
 * a tag's counts) costs one statement for the whole list, not one per item.
 */
export interface EntraideLoaders {
  answers: DataLoader<string, AnswerView[]>;
  expertise: DataLoader<string, Expertise[]>;
  tagStats: DataLoader<string, TagStats>;
}

const perRequest = new WeakMap<Context, EntraideLoaders>();

export function loaders(ctx: Context): EntraideLoaders {
  let found = perRequest.get(ctx);
  if (!found) {
    const viewer = viewerOf(ctx.user);
    found = {
      answers: new DataLoader(async (questionIds) => {
        const answers = await answersOf(ctx.em, questionIds, viewer);
        return questionIds.map((id) => answers.filter((answer) => answer.questionId === id));
      }),
      expertise: new DataLoader(async (userIds) => {
        const byUser = await expertiseOf(ctx.em, userIds);
        return userIds.map((id) => byUser.get(id) ?? []);
      }),
      tagStats: new DataLoader(async (slugs) => {
        const stats = await tagStats(ctx.em, slugs, ctx.user?.id ?? null);
        return slugs.map((slug) => stats.get(slug) ?? { questionCount: 0, followerCount: 0, followedByMe: false });
      }),
    };
    perRequest.set(ctx, found);
  }
  return found;
}
