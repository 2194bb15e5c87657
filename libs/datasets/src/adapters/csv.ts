import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { suggestion } from './did-you-mean';

/** One data row of a CSV: its line in the file (for messages) and its cells by (lower-case) column name. */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/**
 * Reads a CSV with a header. `columns` must all be present (any order, any case); with `exact`, no others may
 * be. A missing file, an empty file, a missing, unknown or repeated column or a ragged row is an error naming
 * the file.
 */
export function readCsv(file: string, columns: readonly string[], { exact = false } = {}): CsvRow[] {
  if (!fs.existsSync(file)) throw new Error(`${file}: not found`);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(fs.readFileSync(file), { bom: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new Error(`${file}: empty; expected a header with the columns ${columns.join(', ')}`);
  const header = records[0].record.map((name) => name.trim().toLowerCase());
  const repeated = header.find((name, i) => header.indexOf(name) !== i);
  if (repeated !== undefined) throw new Error(`${file}: column "${repeated}" appears twice`);
  for (const column of columns) {
    if (!header.includes(column)) {
      const unknown = header.filter((name) => !columns.includes(name));
      throw new Error(`${file}: missing column "${column}"${suggestion(column, unknown)}; the header has ${header.join(', ')}`);
    }
  }
  const extra = header.find((name) => !columns.includes(name));
  if (exact && extra !== undefined) throw new Error(`${file}: unknown column "${extra}"; expected exactly ${columns.join(', ')}`);
  return records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(header.map((name, i) => [name, record[i].trim()])),
  }));
}

/** One CSV line: fields with a comma, quote, line break or outer space are quoted, quotes doubled. */
export function csvLine(fields: readonly (string | number)[]): string {
  const quote = (field: string | number) => {
    const text = String(field);
    return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${fields.map(quote).join(',')}\n`;
}
