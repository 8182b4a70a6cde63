import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFile } from './import-file.js';
import { shortenAtWord } from './import.service.js';
import { v0Fields } from './standard-v0.js';
import { VOCABULARY } from './standard.js';

describe('older labels of the standard (v0 and the cartography’s spellings) → v1.0.2', () => {
  // Every publics label of v0's list, with the spellings real files and the cartography's forms used.
  const PUBLICS: Array<[string, { publics?: string[]; priseEnCharge?: string[] }]> = [
    ['Seniors (+ 65 ans)', { publics: ['Seniors'] }],
    ['Seniors (+65 ans)', { publics: ['Seniors'] }],
    ['Familles/enfants', { publics: ['Familles et/ou enfants'] }],
    ['Adultes', { publics: [] }],
    ['Tout public', { publics: [] }],
    ['Jeunes (16-26 ans)', { publics: ['Jeunes'] }],
    ['Uniquement femmes', { publics: ['Femmes'] }],
    ['Étudiants', { publics: ['Étudiants'] }],
    ['Public langues étrangères', { priseEnCharge: ['Langues étrangères (autres)'] }],
    ['Publics langues étrangères', { priseEnCharge: ['Langues étrangères (autres)'] }],
    ['Non-Francophone', { priseEnCharge: ['Langues étrangères (autres)'] }],
    ['Déficience visuelle', { priseEnCharge: ['Déficience visuelle'] }],
    ['Surdité', { priseEnCharge: ['Surdité'] }],
    ["Handicaps mentaux : déficiences limitant les activités d'une personne", { priseEnCharge: ['Handicaps mentaux'] }],
    ['Handicaps mentaux : déficiences limitant les activités d’une personne', { priseEnCharge: ['Handicaps mentaux'] }],
    [
      'Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales',
      { priseEnCharge: ['Handicaps mentaux'] },
    ],
    ["Personnes en situation d'illettrisme", { priseEnCharge: ['Illettrisme'] }],
    ['Personnes en situation d’illettrisme', { priseEnCharge: ['Illettrisme'] }],
    ['Personne en situation d’illétrisme', { priseEnCharge: ['Illettrisme'] }],
  ];

  it.each(PUBLICS)('maps the publics label « %s »', (label, expected) => {
    const fields = v0Fields({ publics_accueillis: label });
    expect(fields.publicsSpecifiquementAdresses).toEqual(expected.publics ?? []);
    expect(fields.priseEnChargeSpecifique).toEqual(expected.priseEnCharge);
    for (const value of [...(expected.publics ?? []), ...(expected.priseEnCharge ?? [])]) {
      expect([...VOCABULARY.publicsSpecifiquementAdresses, ...VOCABULARY.priseEnChargeSpecifique]).toContain(value);
    }
  });

  it('maps v0’s national labels; the others stay as other labels', () => {
    const fields = v0Fields({
      labels_nationaux:
        'France Services;CNFS;APTIC;Aidants Connect;Fabriques de Territoire;Grandes écoles du numérique;Point numérique CAF;French Tech',
    });
    expect(fields.dispositifProgrammesNationaux).toEqual([
      'France Services',
      'Conseillers numériques',
      'Aidants Connect',
      'Grande école du numérique',
      "Point d'accès numérique CAF",
    ]);
    expect(fields.formationsLabels).toEqual(['Fabriques de Territoire']);
    expect(fields.autresFormationsLabels).toEqual(['APTIC', 'French Tech']);
  });
});

describe('a short presentation over 280 characters', () => {
  it('is cut at the last whole word, with "…", in 280 characters at most', () => {
    const text = `${'Atelier numérique pour tous '.repeat(14)}et la fin`; // 401 characters
    const short = shortenAtWord(text);
    expect(short.length).toBeLessThanOrEqual(280);
    expect(short.endsWith('…')).toBe(true);
    expect(text.startsWith(short.slice(0, -1))).toBe(true);
    expect(text[short.length - 1]).toBe(' '); // the next character of the original is a space: a whole word
    expect(shortenAtWord('Court.')).toBe('Court.');
  });
});

describe('reading a file’s bytes', () => {
  it('keeps UTF-8 (with or without BOM) and plain ASCII as UTF-8', () => {
    expect(decodeFile(Buffer.from('\uFEFFnom,commune\nCafé,Sète', 'utf8'))).toEqual({ text: 'nom,commune\nCafé,Sète', encoding: 'utf-8' });
    expect(decodeFile(Buffer.from('id,nom\n1,Lieu', 'utf8')).encoding).toBe('utf-8');
  });

  it('reads windows-1252 and UTF-16 (Excel’s "texte Unicode") into the right letters', () => {
    const text = 'nom;commune\nMédiathèque Œuvre d’éveil;Saint-Étienne-de-Montluc\nCafé des âgés;Pré-en-Pail';
    expect(decodeFile(iconv.encode(text, 'windows-1252'))).toEqual({ text, encoding: 'windows-1252' });
    expect(decodeFile(iconv.encode(text, 'utf-16le', { addBOM: true }))).toEqual({ text, encoding: 'utf-16le' });
  });

  it('refuses files that are not text, with a reason in French', () => {
    const reason = (bytes: Buffer) => {
      try {
        decodeFile(bytes);
        return null;
      } catch (error) {
        return (error as { text: { fr: string } }).text.fr;
      }
    };
    expect(reason(Buffer.from('id,nom\n1,Lieu\u0000', 'utf8'))).toMatch(/n’est pas un fichier texte \(il contient des caractères nuls\)/);
    expect(reason(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toMatch(/classeur \(Excel, LibreOffice\)/);
    expect(reason(Buffer.alloc(0))).toBe('Le fichier est vide.');
    expect(reason(Buffer.from(' \n\r\n\t ', 'utf8'))).toBe('Le fichier est vide.');
    expect(reason(Buffer.from('nom\nCaf\uFFFD', 'utf8'))).toMatch(/caractères illisibles \(«\u00a0\uFFFD\u00a0», ligne 2\)/);
  });
});
