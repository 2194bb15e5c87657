import type { Label } from './labels';

/** The samples sharing one `same` label, in shuffled order, and how far each `other` label has searched them. */
interface Group {
  members: number[];
  /** For anchors with this `other` label: every member before the cursor is placed or has that label, for good. */
  cursors: Map<Label, number>;
}

/**
 * One of Algorithm 1's rules (lines 3-6): among the samples still in S, the earliest in the shuffled order with the
 * anchor's `same` label and another `other` label (pose positive: same expression, other pose). Samples are grouped
 * by `same` label and each group keeps a cursor per `other` label, so a whole epoch costs about one pass per cursor
 * instead of a scan of S per anchor.
 */
export class CandidateIndex {
  private readonly groups = new Map<Label, Group>();

  /**
   * @param same, other each sample's two labels, by sample index
   * @param order the shuffled sample indices
   * @param placed by sample index, nonzero once the sample has left S; the caller owns and updates it
   */
  constructor(
    private readonly same: readonly Label[],
    private readonly other: readonly Label[],
    order: readonly number[],
    private readonly placed: Uint8Array,
  ) {
    for (const i of order) {
      const group = this.groups.get(same[i]);
      if (group) group.members.push(i);
      else this.groups.set(same[i], { members: [i], cursors: new Map() });
    }
  }

  /** The earliest candidate for `anchor` other than `excluded`, or undefined when there is none. */
  find(anchor: number, excluded?: number): number | undefined {
    const group = this.groups.get(this.same[anchor]);
    if (!group) throw new Error(`sample ${anchor} was not in the order this index was built from`);
    const label = this.other[anchor];
    const unusable = (i: number) => this.placed[i] !== 0 || this.other[i] === label;
    const { members, cursors } = group;
    let start = cursors.get(label) ?? 0;
    while (start < members.length && unusable(members[start])) start++;
    cursors.set(label, start);
    // The excluded sample is only skipped for this call, so the cursor stays before it.
    for (let k = start; k < members.length; k++) {
      if (members[k] !== excluded && !unusable(members[k])) return members[k];
    }
    return undefined;
  }
}
