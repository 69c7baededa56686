/**
 * Coupon codes for a pool reward, from what the host pasted (one per line) or
 * a CSV file (the first column), ready for POST /api/rewards/:id/codes:
 * trimmed, blanks dropped, in chunks the server takes (≤ 5,000). Pure.
 */

/** The most codes one request may carry (shared/rewards.ts RewardCodesBody). */
export const CODES_PER_REQUEST = 5000;
/** The longest code the server keeps. */
export const MAX_CODE_LENGTH = 64;

/** One code per line; surrounding spaces and blank lines dropped. */
export function codesFromLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((code) => code !== '');
}

/**
 * A header cell a spreadsheet export puts above the codes ("code", "Coupon
 * code", "優惠碼"…): a code never reads like one of these, so the row is
 * skipped. Anything else on the first row is kept as a code.
 */
const HEADER = /^(codes?|coupons?|coupon[ _-]?codes?|vouchers?|voucher[ _-]?codes?|promo[ _-]?codes?|discount[ _-]?codes?|優惠碼|優惠代碼|折扣碼|序號|代碼)$/i;

/**
 * The first column of a CSV (RFC 4180: a quoted cell may hold commas, doubled
 * quotes and line breaks); cells end at a comma, a semicolon (spreadsheets in
 * some locales) or a tab. A byte-order mark and an obvious header row are
 * dropped, as are blank cells.
 */
export function codesFromCsv(text: string): string[] {
  const cells = firstCells(text.replace(/^\uFEFF/, '')).map((cell) => cell.trim());
  if (cells.length > 0 && HEADER.test(cells[0]!)) cells.shift();
  return cells.filter((code) => code !== '');
}

/** The first cell of every record. */
function firstCells(text: string): string[] {
  const out: string[] = [];
  let cell = '';
  let inFirst = true;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') {
        if (inFirst) cell += c;
      } else if (text[i + 1] === '"') {
        if (inFirst) cell += '"';
        i++;
      } else {
        quoted = false;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      out.push(cell);
      cell = '';
      inFirst = true;
    } else if (c === ',' || c === ';' || c === '\t') {
      inFirst = false;
    } else if (inFirst) {
      cell += c;
    }
  }
  if (cell !== '' || !inFirst) out.push(cell);
  return out;
}

/** Codes the server would refuse for their length, so nothing is sent until they are fixed. */
export function tooLongCodes(codes: readonly string[]): string[] {
  return codes.filter((code) => code.length > MAX_CODE_LENGTH);
}

/** `codes` in order, at most `size` to a chunk. */
export function chunked<T>(items: readonly T[], size = CODES_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
