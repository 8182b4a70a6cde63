import { describe, expect, it } from 'vitest';
import { deName, deOrganizationName, frenchSpaces } from './french.js';
import { say } from './lang.js';

describe('"de" before a name', () => {
  it('elides before a vowel, with or without an accent, in either case', () => {
    expect(deName('Amicale laïque de Savenay')).toBe('d’Amicale laïque de Savenay');
    expect(deName('Emmaüs Connect')).toBe('d’Emmaüs Connect');
    expect(deName('Élise Martin')).toBe('d’Élise Martin');
    expect(deName('ÉCOLE DU NUMÉRIQUE')).toBe('d’ÉCOLE DU NUMÉRIQUE');
    for (const name of [
      'À vos claviers',
      'Èvre Numérique',
      'Être connecté',
      'Île numérique',
      'Ôde',
      'Ûne',
      'Œuvre commune',
      'Ulysse',
      'ordi 44',
      'un ancien membre',
    ])
      expect(deName(name)).toBe(`d’${name}`);
  });

  it('keeps "de" before a consonant, a digit, a sign, and an h (mute or aspirated, which no rule tells apart)', () => {
    for (const name of ['Savenay Numérique', 'Camille Le Goff', '123 Soleil', '« Les Bricoleurs »', 'Hélène', 'Hollande Services', ''])
      expect(deName(name)).toBe(`de ${name}`);
  });

  it('elides before a y that sounds like i, not before one that sounds like a consonant', () => {
    expect(deName('Yvetot Connecté')).toBe('d’Yvetot Connecté');
    expect(deName('Yves')).toBe('d’Yves');
    expect(deName('Yann Le Bihan')).toBe('de Yann Le Bihan');
  });

  it('contracts the article an organization’s name begins with; a person’s name keeps it', () => {
    expect(deOrganizationName('Le Lieu')).toBe('du Lieu');
    expect(deOrganizationName('Les Petits Débrouillards')).toBe('des Petits Débrouillards');
    expect(deOrganizationName('La Poste')).toBe('de La Poste');
    expect(deOrganizationName('L’Atelier')).toBe('de L’Atelier');
    expect(deOrganizationName('Lesneven Connect')).toBe('de Lesneven Connect');
    expect(deOrganizationName('Emmaüs Connect')).toBe('d’Emmaüs Connect');
    expect(deName('Le Goff')).toBe('de Le Goff');
  });
});

describe('the spaces French keeps with its punctuation', () => {
  it('makes the space before « : » and inside guillemets no-break, and narrow before ; ? !, in every French sentence', () => {
    const refusal = say(
      'Ce lieu a déjà « Karim » : vraiment ? Oui ; bien sûr !',
      'This place already has "Karim": really? Yes; of course!',
    );
    expect(refusal.fr).toBe('Ce lieu a déjà «\u00a0Karim\u00a0»\u00a0: vraiment\u202f? Oui\u202f; bien sûr\u202f!');
    expect(refusal.en).toBe('This place already has "Karim": really? Yes; of course!');
  });

  it('leaves what has no space before its sign, and changes nothing the second time', () => {
    expect(frenchSpaces('https://maillage.fr/a?b=1 10:30 Content-Type: json')).toBe('https://maillage.fr/a?b=1 10:30 Content-Type: json');
    const once = frenchSpaces('Motif : « absent » ?');
    expect(frenchSpaces(once)).toBe(once);
  });
});
