import { stringify } from 'csv-stringify/sync';

/**
 * Spreadsheet apps run a cell that starts with = + - @ (or a tab/CR) as a formula; text people write
 * reaches exports, so such cells are prefixed with an apostrophe (OWASP "CSV injection").
 */
export const spreadsheetCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * A whole CSV file: header and rows, cells made formula-safe, CRLF line ends, and a UTF-8 BOM, without
 * which Excel in Japan reads UTF-8 as Shift_JIS and garbles names.
 */
export function csvFile(header: string[], rows: string[][]): string {
  return `\uFEFF${stringify([header, ...rows].map((r) => r.map(spreadsheetCell)), { record_delimiter: 'windows' })}`;
}
