import { describe, expect, it } from 'vitest';
import { frenchSpaces } from '../../i18n/french.js';
import { placeProblems } from './standard.js';
import { territoryProblems } from './place-territory.js';

const problemsOf = (fields: { codeInsee?: string; codePostal?: string; commune?: string }) =>
  territoryProblems(fields).map((problem) => `${problem.field}: ${problem.text.fr}`);

describe('code INSEE ↔ postcode ↔ commune against the official list', () => {
  it('refuses a commune name that is another commune than the code INSEE’s, saying which one the code is', () => {
    expect(problemsOf({ codeInsee: '44184', codePostal: '44600', commune: 'Guérande' })).toEqual([
      frenchSpaces(
        'commune: La commune « Guérande » n’est pas celle du code INSEE 44184, qui est Saint-Nazaire (44184). Corrigez la commune ou le code INSEE.',
      ),
    ]);
    // The same, through the checks every write goes through (forms and import).
    expect(placeProblems({ codeInsee: '44184', codePostal: '44600', commune: 'GUERANDE' }).map((p) => p.field)).toEqual(['commune']);
  });

  it('accepts the commune written with or without accents, hyphens, capitals, or "St" for "Saint"', () => {
    for (const commune of ['Saint-Nazaire', 'St Nazaire', 'ST-NAZAIRE', 'saint nazaire', 'Saint Nazaire ']) {
      expect(problemsOf({ codeInsee: '44184', codePostal: '44600', commune })).toEqual([]);
    }
  });

  it('accepts the arrondissements of Paris, Lyon and Marseille, written in full, short or as the city', () => {
    for (const commune of ['Marseille', 'MARSEILLE 15', 'Marseille 15e', 'Marseille 15e Arrondissement']) {
      expect(problemsOf({ codeInsee: '13215', codePostal: '13015', commune })).toEqual([]);
      expect(problemsOf({ codeInsee: '13055', codePostal: '13015', commune })).toEqual([]);
    }
    expect(problemsOf({ codeInsee: '75056', codePostal: '75015', commune: 'Paris 15e' })).toEqual([]);
    expect(problemsOf({ codeInsee: '69383', codePostal: '69003', commune: 'Lyon' })).toEqual([]);
    expect(problemsOf({ codeInsee: '69383', codePostal: '69003', commune: 'Lyon 3e arrondissement' })).toEqual([]);
  });

  it('accepts communes déléguées, former names and lieux-dits, which are not another commune', () => {
    expect(problemsOf({ codeInsee: '74010', codePostal: '74940', commune: 'Annecy-le-Vieux' })).toEqual([]);
    expect(problemsOf({ codeInsee: '16206', codePostal: '16230', commune: 'Mansle' })).toEqual([]);
    expect(problemsOf({ codeInsee: '04049', codePostal: '04600', commune: 'Saint-Auban' })).toEqual([]);
    expect(problemsOf({ codeInsee: '84007', codePostal: '84140', commune: 'Montfavet' })).toEqual([]);
  });

  it('refuses a postcode that the list gives to other communes only, and accepts a CEDEX code of the département', () => {
    expect(problemsOf({ codeInsee: '44184', codePostal: '44350', commune: 'Saint-Nazaire' })).toEqual([
      frenchSpaces(
        'codePostal: Le code postal « 44350 » est celui d’autres communes (Guérande, Saint-Molf), pas celui de la commune du code INSEE Saint-Nazaire (44184), dont le code postal est 44600. Corrigez le code postal ou le code INSEE.',
      ),
    ]);
    expect(problemsOf({ codeInsee: '44184', codePostal: '44613', commune: 'Saint-Nazaire' })).toEqual([]);
    expect(problemsOf({ codeInsee: '44184', codePostal: '16000', commune: 'Saint-Nazaire' })[0]).toMatch(
      /^codePostal: Le code postal «\u00a016000\u00a0»/,
    );
  });

  it('does not judge a name and a postcode without a code INSEE (which of the two is wrong is not known)', () => {
    expect(problemsOf({ codePostal: '83170', commune: 'Sainte-Maxime' })).toEqual([]);
  });
});
