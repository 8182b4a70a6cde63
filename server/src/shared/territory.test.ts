import { describe, expect, it } from 'vitest';
import { communeByInsee, communesByName, communesByPostcode } from './communes.js';
import { normalizePhone, phoneToE164 } from './phone.js';
import {
  departementFromInsee,
  departementFromPostcode,
  departementOfPlace,
  isDepartement,
  phoneRegionOfDepartement,
  timeZoneOfPlace,
} from './territory.js';

describe('every territory has its own code', () => {
  it('keeps the overseas collectivités apart: 988 is New Caledonia, not "98"', () => {
    for (const code of ['971', '972', '973', '974', '975', '976', '977', '978', '986', '987', '988', '2A', '2B'])
      expect(isDepartement(code)).toBe(true);
    expect(isDepartement('98')).toBe(false);
    expect(departementFromPostcode('98800')).toBe('988');
    expect(departementFromPostcode('98714')).toBe('987');
    expect(departementFromPostcode('98610')).toBe('986');
    expect(departementFromPostcode('97500')).toBe('975');
  });

  it('knows Saint-Martin and Saint-Barthélemy by their code INSEE, old or new, and by their postcode', () => {
    expect(departementFromInsee('97127')).toBe('978');
    expect(departementFromInsee('97801')).toBe('978');
    expect(departementFromInsee('97123')).toBe('977');
    expect(departementFromPostcode('97150')).toBe('978');
    expect(departementFromPostcode('97133')).toBe('977');
    expect(departementFromPostcode('97110')).toBe('971');
    expect(departementOfPlace({ codeInsee: '2A004', codePostal: '20000' })).toBe('2A');
    expect(departementOfPlace({ codeInsee: null, codePostal: '20200' })).toBe('2B');
  });

  it('gives each place its own time zone and telephone region', () => {
    expect(timeZoneOfPlace({ departement: '44' })).toBe('Europe/Paris');
    expect(timeZoneOfPlace({ departement: '2A' })).toBe('Europe/Paris');
    expect(timeZoneOfPlace({ departement: '988' })).toBe('Pacific/Noumea');
    expect(timeZoneOfPlace({ codePostal: '97110' })).toBe('America/Guadeloupe');
    expect(timeZoneOfPlace({ codeInsee: '97127' })).toBe('America/Marigot');
    expect(timeZoneOfPlace({ codePostal: '97400' })).toBe('Indian/Reunion');
    expect(timeZoneOfPlace({})).toBe('Europe/Paris');
    // Every zone named is one the runtime knows.
    for (const departement of ['971', '972', '973', '974', '975', '976', '977', '978', '986', '987', '988'])
      expect(() => new Intl.DateTimeFormat('fr', { timeZone: timeZoneOfPlace({ departement }) })).not.toThrow();
    expect(phoneRegionOfDepartement('971')).toBe('GP');
    expect(phoneRegionOfDepartement('988')).toBe('NC');
    expect(phoneRegionOfDepartement('44')).toBe('FR');
  });
});

describe('telephone numbers with the territory’s own prefix', () => {
  it('writes each territory’s local numbers in E.164 with its own country code', () => {
    expect(phoneToE164('0590 82 12 34', 'GP')).toBe('+590590821234');
    expect(phoneToE164('0594 29 12 34', 'GF')).toBe('+594594291234');
    expect(phoneToE164('0596 71 23 45', 'MQ')).toBe('+596596712345');
    expect(phoneToE164('0262 41 23 45', 'RE')).toBe('+262262412345');
    expect(phoneToE164('0269 61 12 34', 'YT')).toBe('+262269611234');
    expect(phoneToE164('41 12 34', 'PM')).toBe('+508411234');
    expect(phoneToE164('72 12 34', 'WF')).toBe('+681721234');
    expect(phoneToE164('27 12 34', 'NC')).toBe('+687271234');
    expect(phoneToE164('40 50 12 34', 'PF')).toBe('+68940501234');
    expect(phoneToE164('02 40 12 34 56', 'FR')).toBe('+33240123456');
  });

  it('recognizes a Guadeloupe number written in mainland France, and a mainland number written overseas', () => {
    expect(phoneToE164('0590 82 12 34', 'FR')).toBe('+590590821234');
    expect(phoneToE164('02 40 12 34 56', 'GP')).toBe('+33240123456');
    // A 6-digit local number means something only in its own territory.
    expect(phoneToE164('27 12 34', 'FR')).toBeNull();
    expect(normalizePhone('12')).toBe('12');
    expect(normalizePhone('00 33 2 40 12 34 56')).toBe('+33240123456');
  });
});

describe('the official list of communes', () => {
  it('holds the communes of mainland France, Corsica, the DROM and the COM, with their postcodes', () => {
    expect(communeByInsee('98818')).toMatchObject({ nom: 'Nouméa', departement: '988', codesPostaux: ['98800'] });
    expect(communeByInsee('2A004')).toMatchObject({ nom: 'Ajaccio', departement: '2A' });
    expect(communeByInsee('97127')).toMatchObject({ nom: 'Saint-Martin', departement: '978', codesPostaux: ['97150'] });
    expect(communeByInsee('44184')?.codesPostaux).toEqual(['44600']);
    expect(communeByInsee('99999')).toBeUndefined();
    expect(communesByPostcode('01000').map((c) => c.code)).toContain('01053');
    expect(communesByName('ST NAZAIRE').map((c) => c.code)).toContain('44184');
  });
});
