/** Estimates the time left from the pace so far: items done of a total, since a start time. */
export class Eta {
  private readonly start = performance.now();

  constructor(private readonly total: number) {}

  secondsLeft(done: number): number {
    if (done <= 0) return Number.POSITIVE_INFINITY;
    const elapsed = (performance.now() - this.start) / 1000;
    return (elapsed / done) * (this.total - done);
  }
}
