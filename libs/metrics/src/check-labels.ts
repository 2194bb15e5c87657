import type { Label } from './label';

/** Throws unless there is at least one sample and every per-sample array has one entry per sample. */
export function checkSampleArrays(arrays: Record<string, readonly unknown[]>): void {
  const [[firstName, first], ...rest] = Object.entries(arrays);
  if (first.length === 0) throw new Error(`${firstName} is empty: expected at least one sample`);
  for (const [name, array] of rest) {
    if (array.length !== first.length) {
      throw new Error(`length mismatch: ${first.length} ${firstName} labels but ${array.length} ${name} labels, expected one per sample`);
    }
  }
}

/** Each label's position in `order`; throws on a label outside it or on an order that repeats a label. */
export function positionsIn(labels: readonly Label[], order: readonly Label[], what: string): number[] {
  const position = new Map(order.map((label, k) => [label, k]));
  if (position.size !== order.length) throw new Error(`${what} order [${order}] repeats a label`);
  return labels.map((label, i) => {
    const k = position.get(label);
    if (k !== undefined) return k;
    const expected = order.map((l) => JSON.stringify(l)).join(', ');
    throw new Error(`unknown ${what} ${JSON.stringify(label)} at sample ${i}: expected one of [${expected}]`);
  });
}
