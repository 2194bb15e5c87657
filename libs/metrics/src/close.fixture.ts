import * as assert from 'uvu/assert';

/** Asserts |actual - expected| <= tolerance, elementwise for arrays; null (no value) matches only null, NaN nothing. */
export function assertClose(actual: number | readonly (number | null)[], expected: number | readonly (number | null)[], tolerance = 1e-9, what = 'value'): void {
  const a = typeof actual === 'number' ? [actual] : actual;
  const e = typeof expected === 'number' ? [expected] : expected;
  assert.is(a.length, e.length, `${what}: length`);
  a.forEach((v, i) => {
    const expect = e[i];
    const close = expect === null || v === null ? v === expect : Math.abs(v - expect) <= tolerance;
    assert.ok(close, `${what}[${i}]: expected ${e[i]}, got ${v}`);
  });
}
