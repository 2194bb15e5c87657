import type { Identity } from './identity';

/** Angle around the vertical axis, from the face's front, where the hairline turns into the sideburns. */
const TEMPLE = 0.95;
/**
 * Below the temples, hair hangs from this angle back (just in front of the ears, about 86 degrees): it frames the
 * face and never crosses the cheeks. Long hair from TEMPLE back hid the near cheek, eye and mouth corner of 11 of 40
 * synthetic-kdef people at +-90 degrees (over 30% of the frame hair) and a band of the far cheek at +-45.
 */
const CURTAIN = 1.5;

/**
 * Whether head-space point (x, y, z) on the hair shell is covered by hair: above the hairline at the front (higher
 * at the temples, swept to one side), above the ears (short styles) or down to the jaw behind the cheeks (long) at
 * the sides, down to the nape at the back.
 */
export function isHair({ hair, eyes }: Identity, x: number, y: number, z: number): boolean {
  const around = Math.abs(Math.atan2(x, z));
  if (around < TEMPLE) {
    const q = around / TEMPLE;
    // A wavy edge, swept to one side.
    const edge = 0.008 * Math.cos(x * 29) + hair.part * x * 0.3;
    return y > hair.hairline + (hair.style === 'receding' ? 0.3 : 0.12) * q * q + edge;
  }
  const long = hair.style === 'long';
  if (around < CURTAIN && y < eyes.y + 0.12) return false;
  const side = long ? -0.9 : eyes.y + 0.12;
  const back = long ? -0.95 : -0.45;
  const t = Math.min(1, Math.max(0, (around - 1.7) / 0.9));
  return y > side + (back - side) * t;
}
