import seedrandom from 'seedrandom';

/** The indices 0..n-1 in a seeded random order (Fisher-Yates on seedrandom), the same order for the same seed. */
export function seededPermutation(n: number, seed: string | number): number[] {
  const random = seedrandom(String(seed));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
