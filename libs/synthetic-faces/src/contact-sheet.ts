import sharp, { type OverlayOptions } from 'sharp';
import { EXPRESSION_ACTION_UNITS } from './action-units';
import { DEFAULT_SYNTHETIC_SIZE } from './generate';
import { renderPlannedImage } from './image-file';
import { personIdentity, planImage, subjectId } from './plan';
import { syntheticPreset } from './presets';

export interface ContactSheetOptions {
  preset: string;
  seed?: string | number;
  /** Which person, counting from 0 (default 0, S001). */
  subject?: number;
  /** Width and height of each image in pixels. */
  size?: number;
}

const LABEL_WIDTH = 150;
const HEADER_HEIGHT = 56;
const GAP = 4;

/**
 * One person of a preset as a PNG: a row per expression (at the preset's highest intensity, first session), a
 * column per yaw, each image exactly as the generator makes it, labelled with the expression, its action units and
 * the yaw.
 */
export async function renderContactSheet(options: ContactSheetOptions): Promise<Buffer> {
  const preset = syntheticPreset(options.preset);
  const seed = String(options.seed ?? 0);
  const subject = options.subject ?? 0;
  const size = options.size ?? DEFAULT_SYNTHETIC_SIZE;
  const identity = personIdentity(preset, seed, subject);
  const strongest = Math.max(...preset.intensities.levels);
  const width = LABEL_WIDTH + preset.yaws.length * (size + GAP);
  const height = HEADER_HEIGHT + preset.expressions.length * (size + GAP);
  const cells: OverlayOptions[] = [];
  const text: string[] = [
    label(8, 22, `${preset.name}, person ${subjectId(subject, preset.subjects)}, seed ${seed}: expressions x yaw`, 15, 'start'),
  ];
  for (const [column, yaw] of preset.yaws.entries()) {
    text.push(label(LABEL_WIDTH + column * (size + GAP) + size / 2, HEADER_HEIGHT - 10, `yaw ${yaw > 0 ? '+' : ''}${yaw}`, 14, 'middle'));
  }
  for (const [row, expression] of preset.expressions.entries()) {
    const top = HEADER_HEIGHT + row * (size + GAP);
    const units = Object.keys(EXPRESSION_ACTION_UNITS[expression]);
    text.push(label(8, top + size / 2 - 2, expression, 18, 'start'));
    text.push(label(8, top + size / 2 + 16, units.length > 0 ? `AU ${units.join('+')}` : 'no AU', 11, 'start'));
    for (const [column, yaw] of preset.yaws.entries()) {
      const intensity = expression === 'NE' ? 0 : strongest;
      const image = planImage(preset, seed, preset.subjects, identity, { subject, expression, intensity, yaw, session: preset.sessions?.(expression)[0] }, 'train');
      const rgb = await renderPlannedImage(image, size);
      cells.push({ input: rgb, raw: { width: size, height: size, channels: 3 }, left: LABEL_WIDTH + column * (size + GAP), top });
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${text.join('')}</svg>`;
  return sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .composite([...cells, { input: Buffer.from(svg), left: 0, top: 0 }])
    .png()
    .toBuffer();
}

function label(x: number, y: number, content: string, fontSize: number, anchor: 'start' | 'middle'): string {
  return `<text x="${x}" y="${y}" font-family="DejaVu Sans, sans-serif" font-size="${fontSize}" text-anchor="${anchor}" fill="#222">${content}</text>`;
}
