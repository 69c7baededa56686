/**
 * CSV the dashboard writes itself (the redemption export), by the same rule
 * as the server's exports (server/domain/csv.ts, mirrored here because the
 * client does not import server code): RFC 4180, every cell quoted, quotes
 * doubled, CRLF line ends; a text cell a spreadsheet would read as a formula
 * (starting with = + - @, tab or carriage return) gets a leading apostrophe.
 * Pure.
 */

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return '""';
  // Numbers we write ourselves (points, times) are data, never formulas, even when negative.
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
