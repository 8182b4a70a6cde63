import { describe, expect, it } from 'vitest';
import { communeSpelling } from './communes.js';

describe('a commune written in capitals, as many published files do', () => {
  it('takes the official spelling when the name means one commune', () => {
    expect(communeSpelling({ commune: 'DIGNE-LES-BAINS' })).toBe('Digne-les-Bains');
    expect(communeSpelling({ commune: 'ST NAZAIRE', codePostal: '44600' })).toBe('Saint-Nazaire');
    expect(communeSpelling({ commune: 'ORPIERRE', codeInsee: '05097' })).toBe('Orpierre');
  });

  it('tells two communes of one name apart by the code INSEE or the postcode', () => {
    expect(communeSpelling({ commune: 'SAINT-MARTIN', codePostal: '32300' })).toBe('Saint-Martin');
    expect(communeSpelling({ commune: 'LA CHAPELLE SUR ERDRE', codePostal: '44240' })).toBe('La Chapelle-sur-Erdre');
  });

  it('writes a name the list does not hold in lower case, with capitals where French puts them', () => {
    expect(communeSpelling({ commune: 'MARSEILLE 3' })).toBe('Marseille 3');
    expect(communeSpelling({ commune: "L'ISLE D'ABEAU LES CHÊNES" })).toBe("L'Isle d'Abeau les Chênes");
  });

  it('leaves a name written in lower case as its writer wrote it', () => {
    expect(communeSpelling({ commune: 'Saint Nazaire' })).toBe('Saint Nazaire');
    expect(communeSpelling({ commune: '44' })).toBe('44');
  });
});
