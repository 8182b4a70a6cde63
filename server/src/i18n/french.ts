/**
 * "de" before a name, as French writes it. The name comes from a member (a display name, an
 * organization's name), so the sentence cannot be written once for all: "Ressources d’Emmaüs",
 * "l’équipe de Savenay Numérique".
 *
 * Elided before a vowel, accented or not ("d’Amicale laïque", "d’Élise", "d’Œuvre"), and before a y
 * that sounds like i ("d’Yvetot", but "de Yann"). Not before h: whether it is mute ("d’Hélène") or
 * aspirated ("de Hollande") is a matter of each word, which no rule decides, and "de Hélène" reads
 * better than "d’Hollande". The web app's messages do the same with `{name_elision, select, …}`
 * (web/src/lib/i18n/format.ts), which also elides before the h of words outside a short list.
 */
export function deName(name: string): string {
  return elides(name) ? `d’${name}` : `de ${name}`;
}

/**
 * "de" before an organization's or a place's name, which may begin with its article: as deName, and
 * "du Lieu" for "Le Lieu", "des Petits Débrouillards" for "Les Petits Débrouillards" ("de La Poste"
 * and "de L’Atelier" stay). A person's name keeps "de Le Goff": use deName for people.
 */
export function deOrganizationName(name: string): string {
  const article = /^(Le|Les|LE|LES) (?=\S)/.exec(name);
  if (article) return `${article[1].length === 2 ? 'du' : 'des'} ${name.slice(article[0].length)}`;
  return deName(name);
}

/** Whether French elides "de" (or "le") before this name. */
function elides(name: string): boolean {
  // The letters without their accents: "É" is "E", "Œ" stays one letter ("œ").
  const letters = name.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const first = letters.charAt(0);
  if ('aeiouæœ'.includes(first) && first !== '') return true;
  // "Yves", "Yvelines": a y before a consonant sounds like i; "Yann", "Yoann": before a vowel, like a consonant.
  if (first === 'y') return /^y[^aeiouy\s'’-]/.test(letters);
  return false;
}

/**
 * French keeps « : », « ; », « ? », « ! » and the guillemets with their word: a space typed there becomes no-break
 * (narrow before ; ? !). Only spaces already there change; applying it twice changes nothing more.
 */
export function frenchSpaces(text: string): string {
  return text
    .replace(/ ([:»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/ ([;!?])/g, '\u202f$1');
}
