import { describe, expect, it } from 'vitest';
import { diffArticles, markedText, wordDiff } from './charter-diff.js';

describe('charter word diff', () => {
  it('shows a changed word as one deleted and one inserted segment, the rest unchanged', () => {
    const segments = wordDiff(
      "Nous accompagnons chaque personne vers l'autonomie.",
      "Nous accompagnons chaque personne vers plus d'autonomie.",
    );
    expect(segments.filter((s) => s.kind !== 'same').map((s) => [s.kind, s.text.trim()])).toEqual([
      ['deleted', "l'autonomie"],
      ['inserted', "plus d'autonomie"],
    ]);
    expect(markedText(segments)).toBe("Nous accompagnons chaque personne vers [- l'autonomie -][+ plus d'autonomie +].");
  });

  it('keeps paragraphs and reports a changed word inside a long text as that word only', () => {
    const segments = wordDiff('Un paragraphe.\n\nDeux mots ici, et encore.', 'Un paragraphe.\n\nTrois mots ici, et encore.');
    expect(segments).toEqual([
      { kind: 'same', text: 'Un paragraphe.\n\n' },
      { kind: 'deleted', text: 'Deux' },
      { kind: 'inserted', text: 'Trois' },
      { kind: 'same', text: ' mots ici, et encore.' },
    ]);
    expect(wordDiff('Identique.', 'Identique.')).toEqual([{ kind: 'same', text: 'Identique.' }]);
  });

  it('marks added, removed, changed and unchanged articles by number', () => {
    const before = [
      { number: 1, title: 'Autonomie', body: 'Texte un.' },
      { number: 2, title: 'Respect', body: 'Texte deux.' },
      { number: 3, title: 'Ancien', body: 'Supprimé.' },
    ];
    const after = [
      { number: 1, title: 'Autonomie', body: 'Texte un.' },
      { number: 2, title: 'Respect des personnes', body: 'Texte deux, revu.' },
      { number: 4, title: 'Nouveau', body: 'Ajouté.' },
    ];
    const diff = diffArticles(before, after);
    expect(diff.map((a) => [a.number, a.change])).toEqual([
      [1, 'unchanged'],
      [2, 'changed'],
      [3, 'removed'],
      [4, 'added'],
    ]);
    expect(markedText(diff[1].title)).toBe('Respect [+ des personnes +]');
    expect(diff[2].body).toEqual([{ kind: 'deleted', text: 'Supprimé.' }]);
    expect(diff[3].titleBefore).toBeNull();
  });
});
