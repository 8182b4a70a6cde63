import { describe, expect, it } from 'vitest';
import { FRENCH_SPREADSHEET, neutralizeCell, toCsv } from './csv.js';

const cells = (value: unknown) => toCsv([[value]], { delimiter: ';' }).replace(/\n$/, '');

describe('the CSV writer', () => {
  it('quotes separators, quotes and line breaks, and writes decimals the French way', () => {
    expect(cells('simple')).toBe('simple');
    expect(cells('a;b')).toBe('"a;b"');
    expect(cells('il a dit "non"')).toBe('"il a dit ""non"""');
    expect(cells('deux\nlignes')).toBe('"deux\nlignes"');
    expect(toCsv([['a', 3.5]], FRENCH_SPREADSHEET)).toBe('\uFEFFa;3,5\r\n');
    expect(cells(null)).toBe('');
  });

  it('never lets a text run as a spreadsheet formula', () => {
    expect(cells('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(cells('+33 6 00')).toBe(`"'+33 6 00"`);
    expect(cells("-2+3+cmd|' /C calc'!A0")).toBe(`"'-2+3+cmd|' /C calc'!A0"`);
    expect(cells('@SUM(1+1)')).toBe(`"'@SUM(1+1)"`);
    expect(cells('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(cells('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(cells('\uFF1D1+1')).toBe(`"'\uFF1D1+1"`);
    expect(neutralizeCell('Dominique = ici')).toBe('Dominique = ici');
  });

  it('keeps numbers as numbers, negative ones too', () => {
    expect(cells(-1.55)).toBe('-1.55');
    expect(cells('-1.55')).toBe('-1.55');
    expect(cells('+33240123456')).toBe('+33240123456');
    expect(toCsv([[-1.55, '-1,55']], FRENCH_SPREADSHEET)).toBe('\uFEFF-1,55;-1,55\r\n');
  });

  it('starts with a BOM and ends lines with CRLF, for French spreadsheet software', () => {
    expect(
      toCsv(
        [
          ['a', 1],
          ['b', 2],
        ],
        FRENCH_SPREADSHEET,
      ),
    ).toBe('\uFEFFa;1\r\nb;2\r\n');
  });

  it('quotes every text for the open-data standard, empty ones too', () => {
    expect(
      toCsv(
        [
          ['nom', 'latitude'],
          ['=1+1', 45.1],
          ['', -0.5],
        ],
        { delimiter: ',', quoteText: true },
      ),
    ).toBe(`"nom","latitude"\n"'=1+1",45.1\n"",-0.5\n`);
  });
});
