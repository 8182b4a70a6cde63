/**
 * The sections' background jobs (`jobs` in their declaration): each runs once at start, then every
 * `everyMs`, in a transaction of its own; a run never overlaps the previous one, and a failed run is
 * logged and tried again next time. Started by `npm start` (server/src/main.ts).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../../logger.js';
import { sectionJobs } from './plugs.js';

export interface SectionJobs {
  /** No new run; resolves once the runs under way are finished. */
  stop(): Promise<void>;
}

export function startSectionJobs(orm: MikroORM): SectionJobs {
  let stopping = false;
  const running = new Set<Promise<void>>();
  const timers = sectionJobs().map((job) => {
    let current: Promise<void> | undefined;
    const tick = () => {
      if (current || stopping) return;
      current = orm.em
        .fork()
        .transactional((em) => job.run(em))
        .then(() => undefined)
        .catch((error: unknown) => logger.error({ err: error, job: job.name }, 'background job failed'))
        .finally(() => {
          running.delete(current!);
          current = undefined;
        });
      running.add(current);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    tick();
    return timer;
  });
  return {
    stop: async () => {
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all([...running]);
    },
  };
}
