/**
 * The self-check of the five levels: answers in, a level per domain out. The questions, answers
 * and thresholds are data (autodiagnostic.data.ts); this file only computes.
 */
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import {
  SELF_CHECK_DOMAINS,
  SELF_CHECK_LEVELS,
  SELF_CHECK_QUESTIONS,
  type DomainKey,
  type LevelKey,
  type SelfCheckQuestion,
} from './autodiagnostic.data.js';

export interface DomainLevel {
  domain: DomainKey;
  level: LevelKey;
}

/** The level a mean score (0 to 4) reaches: the last level whose threshold it meets. */
export function levelForScore(score: number): LevelKey {
  let reached = SELF_CHECK_LEVELS[0].key;
  for (const level of SELF_CHECK_LEVELS) if (score >= level.from) reached = level.key;
  return reached;
}

/**
 * `answers[i]` is the index of the answer chosen to question i. Every question is answered:
 * a missing or unknown answer is refused (the page asks one question per screen until the last).
 */
export function levelsFor(answers: readonly number[], questions: readonly SelfCheckQuestion[] = SELF_CHECK_QUESTIONS): DomainLevel[] {
  if (answers.length !== questions.length || answers.some((answer, i) => !Number.isInteger(answer) || !questions[i].answers[answer])) {
    throw badInput({
      answers: say('Répondez à chaque question pour voir votre résultat.', 'Answer every question to see your result.'),
    });
  }
  return SELF_CHECK_DOMAINS.flatMap((domain) => {
    const points = questions.flatMap((question, i) => (question.domain === domain.key ? [question.answers[answers[i]].points] : []));
    if (points.length === 0) return [];
    const mean = points.reduce<number>((sum, value) => sum + value, 0) / points.length;
    return [{ domain: domain.key, level: levelForScore(mean) }];
  });
}

/** Levels read back from storage, keeping only known domains and levels, in the domains' order. */
export function knownLevels(levels: Record<string, string>): DomainLevel[] {
  const known = new Set<string>(SELF_CHECK_LEVELS.map((level) => level.key));
  return SELF_CHECK_DOMAINS.flatMap((domain) =>
    known.has(levels[domain.key]) ? [{ domain: domain.key, level: levels[domain.key] as LevelKey }] : [],
  );
}
