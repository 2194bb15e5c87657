import seedrandom from 'seedrandom';
import { cropResize } from './crop-resize';

/**
 * Training-time augmentation after the flip (which `drawFlip` decides, so Algorithm 1 can see it); every amount 0
 * (and minCropScale 1) leaves the image as it is.
 */
export interface AugmentOptions {
  /** Smallest random crop side as a fraction of the image side, scaled back to full size; 1: no crop. Default 0.9. */
  minCropScale?: number;
  /**
   * Colour jitter as torchvision's ColorJitter: factors drawn uniformly from [1 - a, 1 + a], each result clipped to
   * 0-255. Default 0.2 each. Per-image standardisation undoes brightness and contrast (both are affine in the
   * values) except where they clip; saturation survives it.
   */
  brightness?: number;
  contrast?: number;
  saturation?: number;
}

/** Luma weights (ITU-R BT.601), as torchvision's grayscale. */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * The random stream of one sample's crop and colour jitter in one epoch: the same (seed, sample) gives the same
 * augmentation whatever batch it lands in. Give each epoch its own seed, e.g. `${runSeed}/${epoch}`.
 */
export function augmentationRandom(seed: string | number, sampleIndex: number): () => number {
  return seedrandom(`${seed}:${sampleIndex}`);
}

/**
 * A size x size x 3 image (values 0-255), mirrored if `flipped`, then cropped and rescaled, then jittered in
 * brightness, contrast and saturation, drawing from `random` in that order; a new array, values 0-255. Throws naming
 * an option out of range or an image of the wrong length. The flip's label rule (the yaw negated) is `mirroredYaw`.
 */
export function augmentImage(pixels: ArrayLike<number>, size: number, flipped: boolean, random: () => number, options: AugmentOptions = {}): Float32Array {
  const { minCropScale = 0.9, brightness = 0.2, contrast = 0.2, saturation = 0.2 } = options;
  check('minCropScale', minCropScale, Number.MIN_VALUE, 1);
  for (const [name, amount] of Object.entries({ brightness, contrast, saturation })) check(name, amount, 0, 1);
  if (pixels.length !== size * size * 3) throw new Error(`augmentImage: ${pixels.length} values are not ${size}x${size}x3`);
  // Six draws whatever the options, so changing one setting does not shift the others' random values.
  const [scaleDraw, leftDraw, topDraw, brightnessDraw, contrastDraw, saturationDraw] = Array.from({ length: 6 }, () => random());

  let image: Float32Array = Float32Array.from(pixels);
  if (flipped) mirror(image, size);
  const side = Math.max(1, Math.round(size * (minCropScale + (1 - minCropScale) * scaleDraw)));
  if (side < size) {
    const room = size - side + 1;
    image = cropResize(image, size, Math.floor(leftDraw * room), Math.floor(topDraw * room), side);
  }
  const factor = (amount: number, draw: number) => 1 + amount * (2 * draw - 1);
  if (brightness > 0) scaleValues(image, factor(brightness, brightnessDraw));
  if (contrast > 0) adjustContrast(image, factor(contrast, contrastDraw));
  if (saturation > 0) adjustSaturation(image, factor(saturation, saturationDraw));
  return image;
}

function check(name: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max)) throw new Error(`augmentation ${name} must be in [${min}, ${max}], got ${value}`);
}

function mirror(image: Float32Array, size: number): void {
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size / 2 - 0.5; x++) {
      const a = (y * size + x) * 3;
      const b = (y * size + size - 1 - x) * 3;
      for (let c = 0; c < 3; c++) {
        const left = image[a + c];
        image[a + c] = image[b + c];
        image[b + c] = left;
      }
    }
  }
}

const clip = (v: number) => Math.min(255, Math.max(0, v));

function scaleValues(image: Float32Array, factor: number): void {
  for (let i = 0; i < image.length; i++) image[i] = clip(image[i] * factor);
}

/** Towards or away from the image's mean luma. */
function adjustContrast(image: Float32Array, factor: number): void {
  let sum = 0;
  for (let p = 0; p < image.length; p += 3) sum += LUMA[0] * image[p] + LUMA[1] * image[p + 1] + LUMA[2] * image[p + 2];
  const mean = sum / (image.length / 3);
  for (let i = 0; i < image.length; i++) image[i] = clip(mean + (image[i] - mean) * factor);
}

/** Towards or away from each pixel's own luma (0: grey, 1: unchanged). */
function adjustSaturation(image: Float32Array, factor: number): void {
  for (let p = 0; p < image.length; p += 3) {
    const grey = LUMA[0] * image[p] + LUMA[1] * image[p + 1] + LUMA[2] * image[p + 2];
    for (let c = 0; c < 3; c++) image[p + c] = clip(grey + (image[p + c] - grey) * factor);
  }
}
