/** A class label as a dataset stores it: a name ('HA', '-45') or a number. Labels compare with ===. */
export type Label = string | number;

/**
 * One training image's labels (Algorithm 1's y^e, y^p, y^s). Pose and identity may be missing, as in SFEW,
 * where the paper labels them first (§4.1); five-tuples need both.
 */
export interface LabelledSample {
  expression: Label;
  pose?: Label;
  identity?: Label;
}
