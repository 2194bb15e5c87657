import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { suggestion } from '@dmlnet/options';

/** One data row of a CSV: its line in the file (for messages) and its cells by (lower-case) column name. */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/** A CSV's data rows, and remarks on what was skipped (blank rows), to print with the dataset's notes. */
export interface CsvTable {
  rows: CsvRow[];
  notes: string[];
}

/** Blank rows whose line numbers a note lists; more are counted only. */
const LINES_LISTED = 10;

/**
 * Reads a CSV with a header, as spreadsheet programs save it: UTF-8 with or without a byte-order mark, CRLF or LF,
 * quoted cells, `,`, `;` (Excel in locales with a decimal comma) or a tab (Excel's "Text (Tab delimited)") as the
 * separator, whichever the header line has most of.
 * Cells are trimmed. `columns` must all be present (any order, any case); with `exact`, no other named ones may be.
 * Header cells that are empty are columns ignored, any number of them (Excel's trailing empty columns); blank rows
 * (no text in any cell, `,,,,` included) are skipped and counted in one note.
 *
 * Errors name the file: missing, empty, not UTF-8 (a "CSV" saved in a Windows or Mac code page, or UTF-16), a
 * missing, unknown or repeated named column, a row with fewer cells than the header (naming the line and the field)
 * and a row with text in a cell beyond the header (naming the line: an unquoted comma in a value shifts its cells).
 */
export function readCsv(file: string, columns: readonly string[], { exact = false } = {}): CsvTable {
  if (!fs.existsSync(file)) throw new Error(`${file}: not found`);
  const text = utf8Text(file, fs.readFileSync(file));
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const options = { delimiter: separator(text), trim: true, relax_column_count: true, skip_empty_lines: false, info: true };
    records = parse(text, options) as unknown as typeof records;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const filled: typeof records = [];
  const blankLines: number[] = [];
  for (const record of records) {
    if (record.record.some((cell) => cell.trim() !== '')) filled.push(record);
    else blankLines.push(record.info.lines);
  }
  if (filled.length === 0) throw new Error(`${file}: empty; expected a header with the columns ${columns.join(', ')}`);
  const header = filled[0].record.map((name) => name.trim().toLowerCase());
  const named = header.filter((name) => name !== '');
  const repeated = named.find((name, i) => named.indexOf(name) !== i);
  if (repeated !== undefined) throw new Error(`${file}: column "${repeated}" appears twice`);
  for (const column of columns) {
    if (!named.includes(column)) {
      const unknown = named.filter((name) => !columns.includes(name));
      throw new Error(`${file}: missing column "${column}"${suggestion(column, unknown)}; the header has ${named.join(', ') || 'no names'}`);
    }
  }
  const extra = named.find((name) => !columns.includes(name));
  if (exact && extra !== undefined) throw new Error(`${file}: unknown column "${extra}"; expected exactly ${columns.join(', ')}`);
  const rows = filled.slice(1).map(({ record, info }) => {
    checkWidth(file, info.lines, record, header);
    return { line: info.lines, cells: Object.fromEntries(header.flatMap((name, i) => (name === '' ? [] : [[name, record[i].trim()]]))) };
  });
  const notes = blankLines.length === 0 ? [] : [`${path.basename(file)}: skipped ${blankLines.length} blank row${blankLines.length === 1 ? '' : 's'} (${linesText(blankLines)})`];
  return { rows, notes };
}

/** A row with fewer cells than the header lacks a field; text beyond the header is a value without a column. */
function checkWidth(file: string, line: number, record: readonly string[], header: readonly string[]): void {
  const missing = header.slice(record.length).filter((name) => name !== '');
  if (missing.length > 0) {
    throw new Error(`${file}: line ${line}: no "${missing.join('", "')}" cell (the row has ${record.length} cells, the header ${header.length})`);
  }
  const beyond = record.findIndex((cell, i) => i >= header.length && cell.trim() !== '');
  if (beyond >= 0) {
    throw new Error(
      `${file}: line ${line}: cell ${beyond + 1} ("${record[beyond].trim()}") has no column (the row has ${record.length} cells, the header ${header.length}: an unquoted comma in a value?)`,
    );
  }
}

function linesText(lines: readonly number[]): string {
  const listed = lines.slice(0, LINES_LISTED).join(', ');
  return `line${lines.length === 1 ? '' : 's'} ${listed}${lines.length > LINES_LISTED ? ', ...' : ''}`;
}

/** The file's text; a UTF-16 file or bytes that are not UTF-8 are an error naming the line. */
function utf8Text(file: string, bytes: Buffer): string {
  const saveAs = 'save it as "CSV UTF-8"';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new Error(`${file}: UTF-16 text; expected UTF-8 (${saveAs})`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const line = lossy.slice(0, lossy.indexOf('\uFFFD')).split('\n').length;
    throw new Error(`${file}: line ${line} is not UTF-8 text (a Windows or Mac code page?); ${saveAs}`);
  }
}

/** The separators spreadsheet programs save with, in the order a tie on the header line is settled. */
const SEPARATORS = [',', ';', '\t'] as const;

/**
 * The one of `,`, `;` (Excel's CSV where the decimal mark is a comma) and tab (Excel's "Text (Tab delimited)" saved as
 * .csv) found most often on the header line; `,` where none is, or on a tie.
 */
function separator(text: string): string {
  const headerLine = text.replace(/^(\s*(\r?\n|\r))+/, '').split(/\r?\n|\r/, 1)[0];
  const count = (mark: string) => headerLine.split(mark).length - 1;
  return SEPARATORS.reduce((best, mark) => (count(mark) > count(best) ? mark : best));
}

/** One CSV line: fields with a comma, quote, line break or outer space are quoted, quotes doubled. */
export function csvLine(fields: readonly (string | number)[]): string {
  const quote = (field: string | number) => {
    const text = String(field);
    return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${fields.map(quote).join(',')}\n`;
}
