import { describe, expect, it } from 'vitest';
import type { AppError } from '../../graphql/errors.js';
import { SELF_CHECK_DOMAINS, SELF_CHECK_LEVELS, SELF_CHECK_QUESTIONS } from './autodiagnostic.data.js';
import { knownLevels, levelForScore, levelsFor } from './autodiagnostic.js';

/** The answer index worth `points` in each question (every question offers 0 to 4 points). */
const allWorth = (points: number) =>
  SELF_CHECK_QUESTIONS.map((question) => question.answers.findIndex((answer) => answer.points === points));

describe('the self-check of the five levels', () => {
  it('has about twelve questions, every domain asked, answers from 0 to 4 points', () => {
    expect(SELF_CHECK_QUESTIONS.length).toBeGreaterThanOrEqual(10);
    expect(SELF_CHECK_QUESTIONS.length).toBeLessThanOrEqual(14);
    for (const domain of SELF_CHECK_DOMAINS) expect(SELF_CHECK_QUESTIONS.some((q) => q.domain === domain.key)).toBe(true);
    for (const question of SELF_CHECK_QUESTIONS) expect(question.answers.map((a) => a.points).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(SELF_CHECK_LEVELS.map((level) => level.label.fr)).toEqual(['Éloigné', 'Débutant', 'Intermédiaire', 'Avancé', 'Autonome']);
  });

  it('turns a mean score into a level at the thresholds written in the data', () => {
    expect(levelForScore(0)).toBe('eloigne');
    expect(levelForScore(0.74)).toBe('eloigne');
    expect(levelForScore(0.75)).toBe('debutant');
    expect(levelForScore(1.74)).toBe('debutant');
    expect(levelForScore(1.75)).toBe('intermediaire');
    expect(levelForScore(2.74)).toBe('intermediaire');
    expect(levelForScore(2.75)).toBe('avance');
    expect(levelForScore(3.49)).toBe('avance');
    expect(levelForScore(3.5)).toBe('autonome');
    expect(levelForScore(4)).toBe('autonome');
  });

  it('gives one level per domain, in the domains’ order', () => {
    expect(levelsFor(allWorth(0))).toEqual(SELF_CHECK_DOMAINS.map((d) => ({ domain: d.key, level: 'eloigne' })));
    expect(levelsFor(allWorth(4)).every((d) => d.level === 'autonome')).toBe(true);
    expect(levelsFor(allWorth(2)).every((d) => d.level === 'intermediaire')).toBe(true);
  });

  it('averages a domain’s questions: a person at ease with messages but new to online procedures gets two different levels', () => {
    const answers = SELF_CHECK_QUESTIONS.map((question) => {
      const points = question.domain === 'communication' ? 4 : question.domain === 'demarches' ? 1 : 2;
      return question.answers.findIndex((answer) => answer.points === points);
    });
    // One communication question at 3 instead of 4: mean 3.67, still autonome; two: 3.33, avancé.
    const communication = SELF_CHECK_QUESTIONS.flatMap((q, i) => (q.domain === 'communication' ? [i] : []));
    const levels = Object.fromEntries(levelsFor(answers).map((d) => [d.domain, d.level]));
    expect(levels).toMatchObject({ communication: 'autonome', demarches: 'debutant', equipement: 'intermediaire' });
    answers[communication[0]] = SELF_CHECK_QUESTIONS[communication[0]].answers.findIndex((a) => a.points === 3);
    expect(levelsFor(answers).find((d) => d.domain === 'communication')!.level).toBe('autonome');
    answers[communication[1]] = SELF_CHECK_QUESTIONS[communication[1]].answers.findIndex((a) => a.points === 3);
    expect(levelsFor(answers).find((d) => d.domain === 'communication')!.level).toBe('avance');
  });

  it('refuses a result until every question is answered, or with an answer that does not exist', () => {
    const refusal = (answers: number[]) => {
      try {
        levelsFor(answers);
      } catch (error) {
        return (error as AppError).fields.answers?.fr;
      }
      return 'accepted';
    };
    expect(refusal(allWorth(2).slice(1))).toBe('Répondez à chaque question pour voir votre résultat.');
    const unknown = allWorth(2);
    unknown[0] = 9;
    expect(refusal(unknown)).toBe('Répondez à chaque question pour voir votre résultat.');
    expect(refusal(allWorth(2))).toBe('accepted');
  });

  it('reads kept levels back, ignoring anything it does not know', () => {
    expect(knownLevels({ securite: 'avance', equipement: 'debutant', autre: 'autonome', information: 'expert' })).toEqual([
      { domain: 'equipement', level: 'debutant' },
      { domain: 'securite', level: 'avance' },
    ]);
  });
});
