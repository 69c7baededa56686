import type { Response } from 'express';

/** A CSV download (the claim lists, the winners, the member lists): never cached, saved as a file. */
export function sendCsv(res: Response, filename: string, csv: string): void {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.setHeader('cache-control', 'no-store');
  // A byte-order mark, so spreadsheets read the names (Chinese ones too) as UTF-8.
  res.send(`\uFEFF${csv}`);
}
