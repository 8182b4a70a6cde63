import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer of Maillage: every export (émargement, time-bank statements, campaign results,
 * the open-data directory) goes through `toCsv`.
 *
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
 * before them, or their full-width forms that Apple Numbers reads the same) as a formula, so a
 * member's name `=HYPERLINK(…)` would become a live link in an organizer's sheet (OWASP "CSV
 * injection"). Such a text cell is written with an apostrophe first, quoted, which spreadsheets
 * show as the plain text. Numbers stay numbers: a cell holding a JavaScript number, or a text that
 * is a plain number (`-1.55`, `+33240123456`, which no spreadsheet runs), is written as it is.
 */

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

/** The text of a cell as a spreadsheet must receive it: a formula-looking text gets its apostrophe. */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export interface CsvOptions {
  /** `;` for French spreadsheet software, `,` for the open-data standard. */
  delimiter: ';' | ',';
  /** A byte-order mark first, so Excel reads the accents. */
  bom?: boolean;
  /** Decimal numbers with a comma (3,5), as French spreadsheets expect. */
  decimalComma?: boolean;
  /** Every text cell between quotes (the open-data standard's files are written so). */
  quoteText?: boolean;
  recordDelimiter?: '\n' | '\r\n';
}

/** French spreadsheets: `;`, a BOM, decimal commas, Windows line ends. */
export const FRENCH_SPREADSHEET: CsvOptions = { delimiter: ';', bom: true, decimalComma: true, recordDelimiter: '\r\n' };

/** English spreadsheets: `,`, a BOM, decimal points, Windows line ends. */
export const ENGLISH_SPREADSHEET: CsvOptions = { delimiter: ',', bom: true, recordDelimiter: '\r\n' };

/** Rows (the first one is usually the header) as CSV text. `null` and `undefined` are empty cells. */
export function toCsv(rows: readonly (readonly unknown[])[], options: CsvOptions): string {
  const csv = stringify(
    rows.map((row) => [...row]),
    {
      delimiter: options.delimiter,
      record_delimiter: options.recordDelimiter ?? '\n',
      quoted_string: options.quoteText ?? false,
      // A line break inside a cell (a comment on two lines) is quoted whatever the record delimiter.
      quoted_match: /[\r\n]/,
      cast: {
        number: (value) => (options.decimalComma ? String(value).replace('.', ',') : String(value)),
        boolean: (value) => (value ? 'oui' : 'non'),
        date: (value) => value.toISOString(),
        string: (value) => {
          const text = neutralizeCell(value);
          // The apostrophe's cell is quoted too, as OWASP advises.
          return text === value ? text : { value: text, quoted: true };
        },
      },
    },
  );
  return (options.bom ? '\uFEFF' : '') + csv;
}
