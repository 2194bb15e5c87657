import seedrandom from 'seedrandom';

/** A seeded source of the random draws the generator makes; the same keys give the same sequence. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(low: number, high: number): number;
  normal(mean: number, sd: number): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/**
 * A Random seeded by the joined keys (e.g. seed, preset, subject): every image and identity has its own stream, so
 * one image's draws never depend on how many others were drawn before it. Alea: fast and well mixed.
 */
export function seededRandom(...keys: readonly (string | number)[]): Random {
  const next = seedrandom.alea(keys.join('/'));
  const random: Random = {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    // Box-Muller; 1 - next() keeps the logarithm finite.
    normal: (mean, sd) => mean + sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (probability) => next() < probability,
  };
  return random;
}
