/**
 * An experiment given an empty list (no seeds, datasets or variants) would train nothing and still write, and publish
 * over the latest results, an empty table: an error instead, before its run folder is made.
 */
export function checkSomethingToTrain(experiment: string, lists: Record<string, readonly unknown[]>): void {
  const empty = Object.keys(lists).filter((name) => lists[name].length === 0);
  if (empty.length > 0) throw new Error(`${experiment}: no ${empty.join(', no ')} given: nothing would be trained (expected at least one of each)`);
}
