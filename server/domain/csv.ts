/**
 * CSV for fulfilment exports (RFC 4180), safe to open in a spreadsheet. Pure.
 *
 * Every cell is quoted (a comma, quote or line break inside a name can never
 * shift columns), quotes are doubled, and a cell that a spreadsheet would read
 * as a formula — starting with = + - @, or a tab or carriage return that some
 * spreadsheets skip before looking — gets a leading apostrophe, so a display
 * name like `=HYPERLINK(...)` stays text (OWASP "CSV injection").
 */

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return '""';
  // Numbers we write ourselves (cents, times) are data, never formulas, even when negative.
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Header and rows, CRLF line ends (as RFC 4180 and spreadsheets expect). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
