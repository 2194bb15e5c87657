/**
 * Lines as tfjs-vis draws them: it places value i of every series at x = i, so each series gets one value per whole
 * x from 0 (a mini-batch or epoch number), null where it has none; non-finite values are left out the same way.
 */
export function lineGrid(lines: readonly { name: string; points: readonly { x: number; y: number }[] }[]): { series: string[]; values: (number | null)[][] } {
  const xs = lines.flatMap((l) => l.points.map((p) => p.x));
  const bad = xs.find((x) => !Number.isInteger(x) || x < 0);
  if (bad !== undefined) throw new Error(`a line's x must be a whole number of at least 0, got ${bad}`);
  const length = xs.length === 0 ? 0 : Math.max(...xs) + 1;
  return {
    series: lines.map((l) => l.name),
    values: lines.map((l) => {
      const row: (number | null)[] = Array.from({ length }, () => null);
      for (const p of l.points) if (Number.isFinite(p.y)) row[p.x] = p.y;
      return row;
    }),
  };
}
