/**
 * The self-check in the request's language, and the results a signed-in person chose to keep.
 * Computing a result stores nothing: only "Garder mon résultat" (keepSelfCheckResult) writes a row.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../graphql/errors.js';
import { currentLang } from '../../i18n/lang.js';
import type { DigitalLevel } from '../agenda/event.entity.js';
import { User } from '../comptes/user.entity.js';
import { SELF_CHECK_DOMAINS, SELF_CHECK_LEVELS, SELF_CHECK_QUESTIONS, SELF_CHECK_SOURCE } from './autodiagnostic.data.js';
import { knownLevels, levelsFor, type DomainLevel } from './autodiagnostic.js';
import type { SelfCheckDomainLevel, SelfCheckResultView, SelfCheckView } from './autodiagnostic.types.js';
import { SelfCheckResult } from './self-check-result.entity.js';

/** A person keeps a few results (one now, one in six months…): beyond, the oldest go. */
export const KEPT_RESULTS = 10;

export function selfCheck(): SelfCheckView {
  const lang = currentLang();
  return {
    source: SELF_CHECK_SOURCE[lang],
    questions: SELF_CHECK_QUESTIONS.map((question, index) => ({
      index,
      domain: question.domain,
      domainLabel: SELF_CHECK_DOMAINS.find((domain) => domain.key === question.domain)!.label[lang],
      text: question.text[lang],
      answers: question.answers.map((answer, i) => ({ index: i, label: answer.label[lang] })),
    })),
  };
}

function described(levels: DomainLevel[]): SelfCheckDomainLevel[] {
  const lang = currentLang();
  return levels.map(({ domain, level }) => {
    const found = SELF_CHECK_LEVELS.find((candidate) => candidate.key === level)!;
    return {
      domain,
      domainLabel: SELF_CHECK_DOMAINS.find((candidate) => candidate.key === domain)!.label[lang],
      level: level as DigitalLevel,
      levelLabel: found.label[lang],
      description: found.description[lang],
    };
  });
}

/** The level per domain for these answers; nothing is stored. */
export function selfCheckResult(answers: readonly number[]): SelfCheckDomainLevel[] {
  return described(levelsFor(answers));
}

export async function keepSelfCheckResult(em: EntityManager, user: User, answers: readonly number[]): Promise<SelfCheckResultView> {
  const levels = levelsFor(answers);
  const result = em.create(SelfCheckResult, {
    user: em.getReference(User, user.id),
    levels: Object.fromEntries(levels.map(({ domain, level }) => [domain, level])),
  });
  await em.flush();
  const older = await em.find(
    SelfCheckResult,
    { user: user.id },
    { orderBy: { createdAt: 'desc', id: 'desc' }, offset: KEPT_RESULTS, fields: ['id'] },
  );
  if (older.length) await em.nativeDelete(SelfCheckResult, { id: { $in: older.map((row) => row.id) } });
  return view(result);
}

function view(result: SelfCheckResult): SelfCheckResultView {
  return { id: result.id, createdAt: result.createdAt, levels: described(knownLevels(result.levels)) };
}

/** The results the person kept, newest first (at most KEPT_RESULTS). */
export async function mySelfCheckResults(em: EntityManager, user: User): Promise<SelfCheckResultView[]> {
  const results = await em.find(SelfCheckResult, { user: user.id }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: KEPT_RESULTS });
  return results.map(view);
}

export async function eraseSelfCheckResult(em: EntityManager, user: User, id: string): Promise<void> {
  // Someone else's result is answered as missing: its existence is not for others to learn.
  const erased = await em.nativeDelete(SelfCheckResult, { id, user: user.id });
  if (!erased) throw notFound();
}
