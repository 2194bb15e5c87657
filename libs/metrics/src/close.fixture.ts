import * as assert from 'uvu/assert';

/** Asserts |actual - expected| <= tolerance, elementwise for arrays; NaN matches only NaN. */
export function assertClose(actual: number | readonly number[], expected: number | readonly number[], tolerance = 1e-9, what = 'value'): void {
  const a = typeof actual === 'number' ? [actual] : actual;
  const e = typeof expected === 'number' ? [expected] : expected;
  assert.is(a.length, e.length, `${what}: length`);
  a.forEach((v, i) => {
    const close = Number.isNaN(e[i]) ? Number.isNaN(v) : Math.abs(v - e[i]) <= tolerance;
    assert.ok(close, `${what}[${i}]: expected ${e[i]}, got ${v}`);
  });
}
