/** What each rendered pixel shows: the renderer's second output, used to check pose and occlusion. */
export const REGION = {
  background: 0,
  skin: 1,
  hair: 2,
  /** The person's right eye (x < 0 on the head) and left eye. */
  eyeRight: 3,
  eyeLeft: 4,
  brow: 5,
  nose: 6,
  lips: 7,
  mouthOpening: 8,
  ear: 9,
  neck: 10,
  clothes: 11,
  occluder: 12,
} as const;

export type Region = (typeof REGION)[keyof typeof REGION];
