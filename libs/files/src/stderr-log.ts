/** A progress log: takes one line at a time, without its newline. */
export type Log = (line: string) => void;

/**
 * The log the commands write their progress to unless a caller passes its own (tests do, to read it): stderr, so
 * that stdout stays the command's output. With a `prefix`, each line starts with `[prefix] `.
 */
export function stderrLog(prefix?: string): Log {
  const start = prefix === undefined ? '' : `[${prefix}] `;
  return (line) => process.stderr.write(`${start}${line}\n`);
}
