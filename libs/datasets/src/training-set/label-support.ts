import type { LabelledImages } from './labelled-images';

/** Whether the labels allow a DML-Net part, and if not, why (the counts of labelled images). */
export type PartSupport = { allowed: true } | { allowed: false; reason: string };

/** What a training set's labels allow of the parts that need more than the expression. */
export interface LabelSupport {
  /** HPE (sec. 3.2.4): needs a pose (yaw) label on every training image. */
  hpe: PartSupport;
  /** JEFL and Algorithm 1's five-tuples (secs. 3.1, 3.2.3): need pose and identity labels on every training image. */
  jefl: PartSupport;
}

/**
 * Which parts of DML-Net the labels of a training set allow. A label on no image switches its parts off, with a
 * reason naming the counts ("0 of 958 training images have a yaw label"); a label on some images but not all is an
 * error naming the counts and what to complete, so nothing trains on a silent part of the data. SFEW ships without
 * pose and identity (sec. 4.1: the paper labels them first); nothing here invents them.
 */
export function labelSupport(data: Pick<LabelledImages, 'size' | 'pose' | 'identity'>): LabelSupport {
  const count = (labels: Int32Array) => labels.reduce((n, label) => n + (label >= 0 ? 1 : 0), 0);
  const fields = [
    { name: 'yaw', article: 'a', labelled: count(data.pose), needs: "HPE, JEFL and Algorithm 1's five-tuples" },
    { name: 'identity', article: 'an', labelled: count(data.identity), needs: "JEFL and Algorithm 1's five-tuples" },
  ];
  const partial = fields.filter((f) => f.labelled > 0 && f.labelled < data.size);
  if (partial.length > 0) {
    const what = partial.map((f) => {
      const missing = data.size - f.labelled;
      return (
        `${f.labelled} of ${data.size} training images have ${f.article} ${f.name} label and ${missing} do not, but ${f.needs} need one on every image: ` +
        `label the other ${missing}, or remove the ${f.name} labels to train without those parts`
      );
    });
    throw new Error(`training labels: ${what.join('; ')}`);
  }
  const [pose, identity] = fields.map((f) => (f.labelled === 0 ? `0 of ${data.size} training images have ${f.article} ${f.name} label` : null));
  const off = (reasons: (string | null)[]): PartSupport => {
    const given = reasons.filter((r): r is string => r !== null);
    return given.length === 0 ? { allowed: true } : { allowed: false, reason: given.join(' and ') };
  };
  return { hpe: off([pose]), jefl: off([pose, identity]) };
}
