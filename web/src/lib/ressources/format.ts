/**
 * How the Ressources pages write a file's facts the French way: "PDF, 1,2 Mo", "Image PNG, 240 ko".
 */
import type { Lang } from '$lib/i18n';

const KINDS: Record<string, { fr: string; en: string }> = {
  'application/pdf': { fr: 'PDF', en: 'PDF' },
  'application/msword': { fr: 'Document Word', en: 'Word document' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { fr: 'Document Word', en: 'Word document' },
  'application/vnd.oasis.opendocument.text': { fr: 'Document texte ODT', en: 'ODT text document' },
  'application/vnd.ms-excel': { fr: 'Tableur Excel', en: 'Excel spreadsheet' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { fr: 'Tableur Excel', en: 'Excel spreadsheet' },
  'application/vnd.oasis.opendocument.spreadsheet': { fr: 'Tableur ODS', en: 'ODS spreadsheet' },
  'application/vnd.ms-powerpoint': { fr: 'Présentation PowerPoint', en: 'PowerPoint presentation' },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    fr: 'Présentation PowerPoint',
    en: 'PowerPoint presentation',
  },
  'application/vnd.oasis.opendocument.presentation': { fr: 'Présentation ODP', en: 'ODP presentation' },
  'application/zip': { fr: 'Archive ZIP', en: 'ZIP archive' },
  'text/plain': { fr: 'Texte', en: 'Text' },
  'text/csv': { fr: 'Tableau CSV', en: 'CSV table' },
};

/** "PDF", "Image PNG", "Vidéo MP4", "Document Word"… from a file's content type. */
export function fileKind(contentType: string, lang: Lang = 'fr'): string {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const known = KINDS[type];
  if (known) return known[lang];
  const [family, sub = ''] = type.split('/');
  const format = sub
    .replace(/^x-/, '')
    .replace(/\+xml$/, '')
    .toUpperCase();
  if (family === 'image') return lang === 'fr' ? `Image ${format}` : `${format} image`;
  if (family === 'video') return lang === 'fr' ? `Vidéo ${format}` : `${format} video`;
  if (family === 'audio') return lang === 'fr' ? `Son ${format}` : `${format} audio`;
  return lang === 'fr' ? 'Fichier' : 'File';
}

/** "1,2 Mo", "240 ko", "830 octets" (decimal units, as file managers show them in France). */
export function fileSize(bytes: number, lang: Lang = 'fr'): string {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const units = lang === 'fr' ? ['octets', 'ko', 'Mo', 'Go'] : ['bytes', 'KB', 'MB', 'GB'];
  if (bytes < 1000) return `${bytes.toLocaleString(locale)} ${units[0]}`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })}\u00a0${units[unit]}`;
}

/** "4,5" — an average rating with one decimal, the reader's way. */
export function rating(value: number, lang: Lang = 'fr'): string {
  return value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

export const KIND_VALUES = ['FICHE_PRATIQUE', 'PARCOURS', 'SUPPORT_ATELIER', 'KIT_FORMATION', 'OUTIL', 'VIDEO', 'AUTRE'] as const;
export const LICENCE_VALUES = ['LICENCE_OUVERTE', 'CC_BY', 'CC_BY_SA', 'CC_BY_NC', 'TOUS_DROITS_RESERVES'] as const;
export const VISIBILITY_VALUES = ['PUBLIC', 'MEMBRES', 'ORGANISATION'] as const;
export const LEVELS = [1, 2, 3, 4, 5] as const;

/** The licence's official page, for "Licence" on a resource's page. */
export const LICENCE_URLS: Record<(typeof LICENCE_VALUES)[number], string | null> = {
  LICENCE_OUVERTE: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
  CC_BY: 'https://creativecommons.org/licenses/by/4.0/deed.fr',
  CC_BY_SA: 'https://creativecommons.org/licenses/by-sa/4.0/deed.fr',
  CC_BY_NC: 'https://creativecommons.org/licenses/by-nc/4.0/deed.fr',
  TOUS_DROITS_RESERVES: null,
};

/** One of `values`, or null (URL parameters and form fields are never trusted). */
export function oneOf<T extends string>(values: readonly T[], raw: string | null | undefined): T | null {
  return raw && (values as readonly string[]).includes(raw) ? (raw as T) : null;
}

/** A file as the editor lists it (an attached one, or one just uploaded to POST /api/fichiers). */
export interface AttachedFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

/** What the editor shows in its fields (the resource being edited, or the defaults of a new one). */
export interface ResourceValues {
  title: string;
  summary: string;
  contentMarkdown: string;
  kind: string;
  licence: string;
  visibility: string;
  themes: string[];
  publics: string[];
  levels: number[];
  tags: string;
  baseId: string;
  links: string;
  /** Organizations credited as authors (checkboxes among the editor's organizations). */
  authorOrganizationIds?: string[];
}
