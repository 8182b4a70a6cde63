/**
 * The site's icons for browsers that ask for them by name: /favicon.ico (PNG images inside an ICO,
 * 16, 32 and 48 px) and /apple-touch-icon.png (180 px, square: iOS rounds the corners itself).
 * Drawn once per process from the Maillage mark, the same drawing as the header's.
 */
import sharp from 'sharp';

const MARK_COLOUR = '#1f5f5b';

function markSvg(rounded: boolean): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">` +
      `<rect width="32" height="32" rx="${rounded ? 6 : 0}" fill="${MARK_COLOUR}"/>` +
      `<path d="M6 24V8l10 10 10-10v16" fill="none" stroke="#fff" stroke-width="3" stroke-linejoin="round"/></svg>`,
  );
}

function png(size: number, rounded: boolean): Promise<Buffer> {
  return sharp(markSvg(rounded), { density: (72 * size) / 32 })
    .resize(size, size)
    .png()
    .toBuffer();
}

/** An ICO file whose images are PNGs (read by every browser since 2008). */
export function icoOf(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png: data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

let drawn: Promise<{ ico: Buffer; appleTouch: Buffer }> | null = null;

export function siteIcons(): Promise<{ ico: Buffer; appleTouch: Buffer }> {
  drawn ??= (async () => {
    const sizes = [16, 32, 48];
    const images = await Promise.all(sizes.map(async (size) => ({ size, png: await png(size, true) })));
    return { ico: icoOf(images), appleTouch: await png(180, false) };
  })();
  return drawn;
}
