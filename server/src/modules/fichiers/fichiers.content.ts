/**
 * What an upload really is, read from its bytes (never its name): the allow-list, the re-encoding of images
 * (metadata dropped, EXIF/GPS included), the thumbnail, and the text of documents for the sections' search.
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { unzipSync } from 'fflate';
import sharp from 'sharp';

export type FileKind = 'image' | 'video' | 'document';

/** The types accepted, by the MIME type `file-type` reads from the content. SVG and HTML are never accepted. */
export const ALLOWED_TYPES: Readonly<Record<string, { kind: FileKind; ext: string }>> = {
  'application/pdf': { kind: 'document', ext: 'pdf' },
  'application/vnd.oasis.opendocument.text': { kind: 'document', ext: 'odt' },
  'application/vnd.oasis.opendocument.spreadsheet': { kind: 'document', ext: 'ods' },
  'application/vnd.oasis.opendocument.presentation': { kind: 'document', ext: 'odp' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', ext: 'docx' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'document', ext: 'xlsx' },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { kind: 'document', ext: 'pptx' },
  'image/png': { kind: 'image', ext: 'png' },
  'image/jpeg': { kind: 'image', ext: 'jpg' },
  'image/webp': { kind: 'image', ext: 'webp' },
  'image/gif': { kind: 'image', ext: 'gif' },
  'video/mp4': { kind: 'video', ext: 'mp4' },
  'video/webm': { kind: 'video', ext: 'webm' },
};

/** The longest side of a stored image, and of its thumbnail. */
export const IMAGE_MAX_PX = 2000;
export const THUMBNAIL_PX = 400;
/** The most characters of a document's text kept for search. */
export const EXTRACTED_MAX = 200_000;

export async function detectType(bytes: Buffer): Promise<{ mime: string; kind: FileKind; ext: string } | null> {
  const found = await fileTypeFromBuffer(bytes);
  const allowed = found && ALLOWED_TYPES[found.mime];
  return allowed ? { mime: found.mime, ...allowed } : null;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface Picture {
  bytes: Buffer;
  contentType: string;
  width: number;
  height: number;
}

/**
 * The image re-encoded: turned upright from its EXIF orientation, at most IMAGE_MAX_PX, and without any
 * metadata (sharp writes none unless asked with withMetadata/keepExif: EXIF and its GPS position are gone).
 */
export async function reencodeImage(bytes: Buffer, mime: string): Promise<{ image: Picture; thumbnail: Picture }> {
  const animated = mime === 'image/gif' || mime === 'image/webp';
  const pipeline = sharp(bytes, { animated, limitInputPixels: 100_000_000 })
    .rotate()
    .resize({ width: IMAGE_MAX_PX, height: IMAGE_MAX_PX, fit: 'inside', withoutEnlargement: true });
  const encoded =
    mime === 'image/png'
      ? pipeline.png()
      : mime === 'image/webp'
        ? pipeline.webp({ quality: 85 })
        : mime === 'image/gif'
          ? pipeline.gif()
          : pipeline.jpeg({ quality: 85, mozjpeg: true });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  const image = { bytes: data, contentType: mime, width: info.width, height: info.pageHeight ?? info.height };
  const small = await sharp(data)
    .resize({ width: THUMBNAIL_PX, height: THUMBNAIL_PX, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return { image, thumbnail: { bytes: small.data, contentType: 'image/webp', width: small.info.width, height: small.info.height } };
}

/** The text of a document (PDF, OpenDocument, Office Open XML), ≤ EXTRACTED_MAX characters; null when it has none. */
export async function extractText(bytes: Buffer, mime: string): Promise<string | null> {
  try {
    const text = mime === 'application/pdf' ? await pdfText(bytes) : zipText(bytes, mime);
    const tidy = text
      ?.replace(/[ \t\u00a0]+/g, ' ')
      .replace(/\s*\n\s*/g, '\n')
      .trim();
    return tidy ? tidy.slice(0, EXTRACTED_MAX) : null;
  } catch {
    // A document whose text cannot be read is still a valid upload: it is just not searchable.
    return null;
  }
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  let length = 0;
  try {
    for (let n = 1; n <= pdf.numPages && length < EXTRACTED_MAX; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      pages.push(text);
      length += text.length;
    }
  } finally {
    await pdf.destroy();
  }
  return pages.join('\n');
}

/** Which parts of a zip container hold the text, by type. */
function textParts(mime: string): (name: string) => boolean {
  if (mime.startsWith('application/vnd.oasis.opendocument.')) return (name) => name === 'content.xml';
  if (mime.endsWith('wordprocessingml.document')) return (name) => name === 'word/document.xml';
  if (mime.endsWith('presentationml.presentation')) return (name) => /^ppt\/slides\/slide\d+\.xml$/.test(name);
  if (mime.endsWith('spreadsheetml.sheet')) return (name) => name === 'xl/sharedStrings.xml';
  return () => false;
}

/** Each part at most 20 MB unpacked: a "zip bomb" is not opened. */
const PART_MAX = 20 * 1024 * 1024;

function zipText(bytes: Buffer, mime: string): string {
  const wanted = textParts(mime);
  const parts = unzipSync(new Uint8Array(bytes), { filter: (file) => wanted(file.name) && file.originalSize <= PART_MAX });
  const names = Object.keys(parts).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return names.map((name) => xmlText(new TextDecoder().decode(parts[name]))).join('\n');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of an XML part: paragraphs and cells end a line, tags go, entities are decoded. */
function xmlText(xml: string): string {
  return xml
    .replace(/<\/(?:w:p|a:p|text:p|text:h|si|table:table-cell)>/g, '\n')
    .replace(/<(?:w:tab|text:tab|text:s)\b[^>]*\/>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? all;
    });
}
