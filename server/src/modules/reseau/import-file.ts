/**
 * A directory file as received (bytes from the command line or the web page, or text) → UTF-8 text,
 * with the encoding it was read in; files that are not text are refused with a reason a person can act on.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';

export interface DecodedFile {
  text: string;
  /** The encoding the bytes were read in ("utf-8", "windows-1252", "utf-16le"…), shown in the report. */
  encoding: string;
}

const refuse = (fr: string, en: string) => badInput({ content: say(fr, en) });

/** Encodings a spreadsheet or a database export of French places comes in; chardet's other guesses are ignored. */
const KNOWN: Record<string, string> = {
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'UTF-32LE': 'utf-32le',
  'UTF-32BE': 'utf-32be',
  // ISO-8859-1 is windows-1252 without its extra letters (œ, €, ’…): Excel on Windows writes windows-1252.
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'ISO-8859-15': 'iso-8859-15',
};

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function bomEncoding(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes[2] === 0 && bytes[3] === 0 ? 'utf-32le' : 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'utf-32be';
  return null;
}

/**
 * Pure ASCII and valid UTF-8 (with or without BOM) are UTF-8: chardet guesses at random on short
 * ASCII text. Only other bytes are given to chardet, and then to iconv-lite.
 */
export function decodeFile(content: Buffer | string): DecodedFile {
  let decoded: DecodedFile;
  if (typeof content === 'string') decoded = { text: content, encoding: 'utf-8' };
  else {
    if (content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04) {
      throw refuse(
        'Ce fichier est un classeur (Excel, LibreOffice) ou une archive ZIP, pas un fichier CSV ou JSON : enregistrez-le au format « CSV UTF-8 » puis importez ce fichier-là.',
        'This file is a spreadsheet (Excel, LibreOffice) or a ZIP archive, not a CSV or JSON file: save it as "CSV UTF-8" and import that file.',
      );
    }
    const bom = bomEncoding(content);
    if (bom) decoded = { text: iconv.decode(content, bom), encoding: bom };
    else if (isUtf8(content)) decoded = { text: content.toString('utf8'), encoding: 'utf-8' };
    else if (content.includes(0)) decoded = { text: content.toString('latin1'), encoding: 'binary' };
    else {
      const guess = chardet.analyse(content).find((match) => KNOWN[match.name]);
      const encoding = guess ? KNOWN[guess.name] : 'windows-1252';
      decoded = { text: iconv.decode(content, encoding), encoding };
    }
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) {
    throw refuse(
      'Ce fichier n’est pas un fichier texte (il contient des caractères nuls) : importez un fichier CSV ou JSON, enregistré en UTF-8.',
      'This file is not a text file (it holds NUL characters): import a CSV or JSON file saved in UTF-8.',
    );
  }
  const broken = text.indexOf('\uFFFD');
  if (broken >= 0) {
    const line = text.slice(0, broken).split('\n').length;
    throw refuse(
      `Ce fichier contient des caractères illisibles (« \uFFFD », ligne ${line}) : il a sans doute été mal converti. Enregistrez-le à nouveau en UTF-8 depuis le tableur d’origine.`,
      `This file holds unreadable characters ("\uFFFD", line ${line}): save it again in UTF-8 from the original spreadsheet.`,
    );
  }
  if (!text.trim()) throw refuse('Le fichier est vide.', 'The file is empty.');
  return { text, encoding: decoded.encoding };
}
