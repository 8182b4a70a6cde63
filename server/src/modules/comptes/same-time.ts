import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Answers that must not tell a known address from an unknown one (sign-up, password reset) do
 * different work for each (an account and a link to create, or a warning to send): each answer
 * waits until at least `ms` after `started`, so their times say nothing either.
 */
export async function answerNoSoonerThan(started: number, ms: number): Promise<void> {
  const left = ms - (Date.now() - started);
  if (left > 0) await sleep(left);
}
