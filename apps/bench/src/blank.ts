/**
 * Where the blank-frame threshold (DEFAULT_MIN_PIXEL_STD, blankReason) lies: each channel's standard deviation
 * (0-255) of frames as loadImages decodes them (decodeImage at each size), for flat frames of several colours, flat
 * grey frames with sensor noise, and synthetic faces of every preset darkened to a fraction of their exposure; PNG
 * and JPEG. Flat frames are 143x181, as SFEW's aligned faces. One JSON line per frame kind and format, then a summary
 * line: the largest channel std of the flat and noisy frames, and the smallest of the faces, beside the threshold.
 */
import sharp from 'sharp';
import seedrandom from 'seedrandom';
import { DEFAULT_MIN_PIXEL_STD, channelStds, decodeImage } from '@dmlnet/datasets';
import { defineCommand, list, numberIn, option, runCommand, wholeNumber } from '@dmlnet/options';
import { DEFAULT_SYNTHETIC_SIZE, SYNTHETIC_PRESET_NAMES, planImages, renderPlannedImage, syntheticPreset } from '@dmlnet/synthetic-faces';

const command = defineCommand('bench:blank', {
  sizes: option(list(wholeNumber({ min: 8, max: 1024 })), { default: '32,48,96,224', describe: 'decoded sizes (the model input sizes), e.g. 32,48' }),
  'jpeg-qualities': option(list(wholeNumber({ min: 1, max: 100 })), { default: '75,50', describe: 'JPEG qualities beside PNG' }),
  noise: option(numberIn('(', 0, 64, ']'), { default: '3', describe: 'standard deviation of the noise on the grey frames, in 0-255 levels' }),
  exposures: option(list(numberIn('(', 0, 1, ']')), { default: '1,0.1,0.05', describe: "the faces' exposures, as fractions of the rendered one" }),
  faces: option(wholeNumber({ min: 1 }), { default: '3', describe: 'faces of each synthetic preset, spread over its images' }),
});

const FLAT = { width: 143, height: 181 };
const COLOURS: Record<string, [number, number, number]> = { black: [0, 0, 0], grey: [128, 128, 128], white: [255, 255, 255], green: [0, 135, 0], darkRed: [90, 0, 0] };

type Rgb = { data: Uint8Array; width: number; height: number };
/** PNG, or JPEG at a quality. */
type Format = { name: string; quality?: number };

const round2 = (value: number) => Number(value.toFixed(2));

runCommand(command, async (options) => {
  const formats: Format[] = [{ name: 'png' }, ...options['jpeg-qualities'].map((quality) => ({ name: `jpeg q${quality}`, quality }))];
  const encode = (image: Rgb, format: Format) => {
    const raw = sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } });
    return (format.quality === undefined ? raw.png() : raw.jpeg({ quality: format.quality })).toBuffer();
  };
  /** Each channel's std of the image as encoded and decoded at every size, by size. */
  const stdsBySize = async (image: Rgb, format: Format) => {
    const bytes = await encode(image, format);
    const bySize: Record<number, number[]> = {};
    for (const size of options.sizes) bySize[size] = channelStds(await decodeImage(bytes, size), 3).map(round2);
    return bySize;
  };
  const flat = (colour: readonly number[], noise = 0): Rgb => {
    const random = seedrandom(`bench:blank:${noise}`);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const data = Uint8Array.from({ length: FLAT.width * FLAT.height * 3 }, (_, i) => Math.round(colour[i % 3] + (noise > 0 ? noise * normal() : 0)));
    return { data, ...FLAT };
  };
  const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const largest = (bySize: Record<number, number[]>) => Object.values(bySize).map((stds) => Math.max(...stds));

  let flatLargest = 0;
  for (const [name, colour] of Object.entries(COLOURS)) {
    for (const format of formats) {
      const channelStd = await stdsBySize(flat(colour), format);
      flatLargest = Math.max(flatLargest, ...largest(channelStd));
      print({ frames: `flat ${name} (${colour.join(', ')}), ${FLAT.width}x${FLAT.height}`, format: format.name, channelStd });
    }
  }
  const noisy: number[] = [];
  for (const format of formats) {
    const channelStd = await stdsBySize(flat(COLOURS['grey'], options.noise), format);
    noisy.push(...largest(channelStd));
    print({ frames: `flat grey with noise of std ${options.noise}, ${FLAT.width}x${FLAT.height}`, format: format.name, channelStd });
  }
  // Each preset's faces as generated (its light, background, blur, noise), spread over its plan.
  const faces: Rgb[] = [];
  for (const preset of SYNTHETIC_PRESET_NAMES) {
    const plan = planImages(syntheticPreset(preset), 2, 'bench:blank');
    for (let k = 0; k < options.faces; k++) {
      const image = plan[Math.floor((k * plan.length) / options.faces)];
      faces.push({ data: new Uint8Array(await renderPlannedImage(image, DEFAULT_SYNTHETIC_SIZE)), width: DEFAULT_SYNTHETIC_SIZE, height: DEFAULT_SYNTHETIC_SIZE });
    }
  }
  const facesSmallest: Record<string, number> = {};
  for (const exposure of options.exposures) {
    const dark = faces.map((face) => ({ ...face, data: face.data.map((v) => Math.round(v * exposure)) }));
    for (const format of formats) {
      const perFace = await Promise.all(dark.map((face) => stdsBySize(face, format)));
      // The largest channel std of each face (what blankReason compares), its range over the faces, by size.
      const largestChannelStd = Object.fromEntries(options.sizes.map((size) => {
        const values = perFace.map((bySize) => Math.max(...bySize[size]));
        return [size, [Math.min(...values), Math.max(...values)]];
      }));
      facesSmallest[exposure] = Math.min(facesSmallest[exposure] ?? Infinity, ...Object.values(largestChannelStd).map(([lo]) => lo));
      print({ frames: `${faces.length} synthetic faces (${SYNTHETIC_PRESET_NAMES.join(', ')}), ${DEFAULT_SYNTHETIC_SIZE}x${DEFAULT_SYNTHETIC_SIZE}`, exposure, format: format.name, largestChannelStd });
    }
  }
  print({ threshold: DEFAULT_MIN_PIXEL_STD, flatLargest, noisyLargest: [Math.min(...noisy), Math.max(...noisy)], facesSmallestByExposure: facesSmallest });
});
