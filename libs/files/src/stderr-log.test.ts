import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stderrLog } from './stderr-log';

/** What `run` writes to stderr, caught (stderr is put back after). */
function stderrOf(run: () => void): string {
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stderr.write;
  try {
    run();
  } finally {
    process.stderr.write = write;
  }
  return written.join('');
}

test('stderrLog writes each line to stderr with its newline, after "[prefix] " when given one', () => {
  assert.is(stderrOf(() => stderrLog()('one line')), 'one line\n');
  assert.is(stderrOf(() => { const log = stderrLog('probe'); log('a'); log('b'); }), '[probe] a\n[probe] b\n');
});

test.run();
