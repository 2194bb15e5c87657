import path from 'node:path';

/**
 * A path cell as text, made '/'-separated and relative the way a user on any OS wrote it: backslashes are
 * separators (Windows), `./`, `.` and `..` segments and repeated separators are resolved. An empty path, an absolute
 * one (`/x`, `C:\x`, `\\server\x`) or one that leads outside the root is a reason instead: the CSV names files
 * under the dataset root, and a guess at which part of an absolute path is the root would be a silent fallback.
 */
export function csvPath(cell: string): { file: string } | { reason: string } {
  const slashed = cell.replaceAll('\\', '/');
  if (slashed === '') return { reason: 'empty path' };
  if (slashed.startsWith('/') || /^[a-z]:/i.test(slashed)) return { reason: `absolute path "${cell}": expected a path relative to the dataset root` };
  const normal = path.posix.normalize(slashed);
  if (normal === '..' || normal.startsWith('../')) return { reason: `path "${cell}" leads outside the dataset root` };
  if (normal === '.' || normal === './') return { reason: `path "${cell}" names the root itself, not a file` };
  return { file: normal };
}

/** The path a problem of a CSV row is reported under: the file it matched, else the cell as written, else `<csv>:<line>`. */
export function rowPath(found: { file: string } | { reason: string }, cell: string, csv: string, line: number): string {
  return 'file' in found ? found.file : cell === '' ? `${csv}:${line}` : cell;
}

/** A file name as macOS and Windows compare them: Unicode NFC (macOS stores NFD), then without case. */
const composed = (file: string) => file.normalize('NFC');
const folded = (file: string) => composed(file).toLowerCase();

/**
 * How the paths one CSV writes name the files listed under the root, the way its author expects on any OS:
 * `csvPath` first; then the exact name; else the one file whose name is equal after Unicode NFC normalisation
 * (macOS writes names decomposed, a CSV typed elsewhere has them composed); else the one file equal without case
 * (Windows and macOS file systems ignore case: `Train/angry/x.png` names `Train/Angry/x.png`), counted in `notes`.
 * Two files that either comparison cannot tell apart are an error naming the CSV, the line and both files.
 */
export class CsvPaths {
  private readonly files: ReadonlySet<string>;
  private byComposed?: Map<string, string[]>;
  private byFolded?: Map<string, string[]>;
  private readonly caseOnly: { line: number; written: string; file: string }[] = [];

  /** `csv` names the CSV in messages; `files` are the root's files (relative, '/'-separated). */
  constructor(
    private readonly csv: string,
    files: Iterable<string>,
  ) {
    this.files = new Set(files);
  }

  /** The listed file that the `path` cell on `line` names, or why none: a path `csvPath` refuses, or no such file. */
  resolve(cell: string, line: number): { file: string } | { reason: string } {
    const written = csvPath(cell);
    if ('reason' in written) return written;
    if (this.files.has(written.file)) return written;
    this.byComposed ??= groupBy(this.files, composed);
    this.byFolded ??= groupBy(this.files, folded);
    const file =
      this.single(this.byComposed.get(composed(written.file)), cell, line) ?? this.single(this.byFolded.get(folded(written.file)), cell, line);
    if (file === undefined) return { reason: 'not found under the root' };
    if (composed(file) !== composed(written.file)) this.caseOnly.push({ line, written: cell, file });
    return { file };
  }

  /** A note counting the paths that matched a file only without case, with the first as an example; or none. */
  notes(): string[] {
    if (this.caseOnly.length === 0) return [];
    const [{ line, written, file }] = this.caseOnly;
    const count = this.caseOnly.length;
    return [
      `${path.basename(this.csv)}: ${count} path${count === 1 ? '' : 's'} matched a file only when case is ignored, as on Windows and macOS (first: line ${line} "${written}" -> ${file})`,
    ];
  }

  private single(candidates: readonly string[] | undefined, cell: string, line: number): string | undefined {
    if (candidates === undefined) return undefined;
    if (candidates.length > 1) {
      const differ = new Set(candidates.map(composed)).size === 1 ? 'Unicode normalisation' : 'case';
      throw new Error(`${this.csv}: line ${line}, path "${cell}" names ${candidates.length} files that differ only in ${differ}: ${candidates.join(', ')}; write the exact name`);
    }
    return candidates[0];
  }
}

function groupBy(files: Iterable<string>, key: (file: string) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const group = groups.get(key(file));
    if (group === undefined) groups.set(key(file), [file]);
    else group.push(file);
  }
  return groups;
}
