import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { liveStream } from '../../live/stream.js';
import { readAnswer, readQuestion } from './entraide.read.js';
import { answersTopic, viewerOf } from './entraide.service.js';
import { AnswerView } from './entraide.types.js';

@Resolver()
export class EntraideLiveResolver {
  @Subscription(() => AnswerView, {
    description: 'New answers to a question, as the subscriber may see them (hidden ones not sent).',
    subscribe: async ({ args, context }: { args: { questionId: string }; context: Context }) => {
      const viewer = viewerOf(context.user);
      if (!(await readQuestion(context.em.fork(), args.questionId, viewer))) throw notFound();
      return liveStream<AnswerView>({
        topic: answersTopic(args.questionId),
        initial: false,
        read: async (message) => {
          if (!message?.id) return undefined;
          const em = context.em.fork();
          // The question may have been hidden since: then nothing more is sent.
          if (!(await readQuestion(em, args.questionId, viewer))) return undefined;
          const answer = await readAnswer(em, message.id, viewer);
          return answer && !answer.hiddenAt && answer.questionId === args.questionId ? answer : undefined;
        },
      });
    },
  })
  answerAdded(@Arg('questionId', () => ID) _questionId: string, @Root() answer: AnswerView, @Ctx() _ctx: Context): AnswerView {
    return answer;
  }
}
