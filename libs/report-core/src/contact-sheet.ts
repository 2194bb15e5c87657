import sharp, { type OverlayOptions } from 'sharp';

/**
 * One picture of a sheet: `width` x `height` RGB pixels, row by row, 3 values a pixel, 0-255 (a Float32Array is
 * rounded). The image pipeline's standardised inputs cannot be drawn: per-image standardisation drops each image's
 * mean and spread, so mapping them back would be a guess; `loadImages` keeps the decoded 0-255 pixels for that.
 */
export interface SheetImage {
  pixels: Uint8Array | Float32Array;
  width: number;
  height: number;
  /** Text under the image (e.g. the person). */
  caption?: string;
}

/** A row of the sheet and the text to its left, one string per line. */
export interface SheetRow {
  label: string | readonly string[];
  images: readonly SheetImage[];
}

export interface ContactSheetOptions {
  /** A line above the rows. */
  title?: string;
  /** Each pixel drawn as a zoom x zoom block, an integer >= 1 (default 1): 48-pixel faces are small on a page. */
  zoom?: number;
}

// The sheet's geometry in pixels; contactSheet's docstring states it and its tests compute positions from that.
const MARGIN = 8;
const GAP = 4;
const TITLE = { fontSize: 15, height: 28 };
const LABEL = { fontSize: 13, lineHeight: 16 };
const CAPTION = { fontSize: 11, height: 14 };
/** Text width per character, in ems: DejaVu Sans averages about 0.55 on labels like these; a little more so none clips. */
const EM_PER_CHARACTER = 0.6;

const textWidth = (text: string, fontSize: number) => Math.ceil(text.length * EM_PER_CHARACTER * fontSize);
const lines = (label: string | readonly string[]) => (typeof label === 'string' ? [label] : label);

/**
 * Rows of same-sized RGB images with a label left of each row and an optional caption under each image, as an RGB
 * PNG (sharp: the images composited onto white, the text as one SVG overlay). Fig. 14 (sec. 4.6.2) shows each
 * identity cluster's top images a row. The layout, in pixels (text widths estimated at 0.6 em a character):
 * - a margin of 8 all round, and a 28-high band for the title (15 px) if there is one;
 * - a label column as wide as the longest label line (13 px), then a gap of 4;
 * - cells as wide as the zoomed image or the longest caption (11 px), whichever is wider, 4 apart, the image
 *   centred in its cell;
 * - rows as high as the zoomed image plus 14 if any image has a caption, or as the label's lines at 16 each,
 *   whichever is higher, 4 apart; a row may be empty (a cluster with no members);
 * - the sheet wider if the title needs it.
 * Throws on no rows or no images, images of different sizes, pixels of the wrong length or outside 0-255, or a zoom
 * that is not an integer >= 1, naming the row and image.
 */
export async function contactSheet(rows: readonly SheetRow[], options: ContactSheetOptions = {}): Promise<Buffer> {
  const zoom = options.zoom ?? 1;
  if (!Number.isInteger(zoom) || zoom < 1) throw new Error(`contactSheet: zoom ${zoom}: expected an integer >= 1`);
  const first = rows.flatMap((row) => row.images)[0];
  if (first === undefined) throw new Error(`contactSheet: ${rows.length} rows and no images: expected at least one image`);
  rows.forEach((row, r) => row.images.forEach((image, c) => checkImage(image, first, `row ${r} image ${c}`)));

  const captions = rows.flatMap((row) => row.images.map((image) => image.caption ?? ''));
  const hasCaptions = captions.some((caption) => caption !== '');
  const imageWidth = first.width * zoom;
  const imageHeight = first.height * zoom;
  const cellWidth = Math.max(imageWidth, ...captions.map((caption) => textWidth(caption, CAPTION.fontSize)));
  const labelWidth = Math.max(...rows.flatMap((row) => lines(row.label).map((line) => textWidth(line, LABEL.fontSize))));
  const rowHeights = rows.map((row) => Math.max(imageHeight + (hasCaptions ? CAPTION.height : 0), lines(row.label).length * LABEL.lineHeight));
  const columns = Math.max(...rows.map((row) => row.images.length));
  const left = MARGIN + labelWidth + GAP;
  const titleWidth = options.title === undefined ? 0 : MARGIN + textWidth(options.title, TITLE.fontSize) + MARGIN;
  const width = Math.max(left + columns * cellWidth + (columns - 1) * GAP + MARGIN, titleWidth);
  const top = MARGIN + (options.title === undefined ? 0 : TITLE.height);
  const height = top + rowHeights.reduce((sum, h) => sum + h, 0) + (rows.length - 1) * GAP + MARGIN;

  const cells: OverlayOptions[] = [];
  const text: string[] = [];
  if (options.title !== undefined) text.push(svgText(MARGIN, MARGIN + TITLE.fontSize + 2, options.title, TITLE.fontSize, 'start'));
  let rowTop = top;
  rows.forEach((row, r) => {
    lines(row.label).forEach((line, k) => text.push(svgText(MARGIN, rowTop + (k + 1) * LABEL.lineHeight - 4, line, LABEL.fontSize, 'start')));
    row.images.forEach((image, c) => {
      const cellLeft = left + c * (cellWidth + GAP);
      const input = zoomed(image, zoom);
      cells.push({ input, raw: { width: imageWidth, height: imageHeight, channels: 3 }, left: cellLeft + Math.floor((cellWidth - imageWidth) / 2), top: rowTop });
      if (image.caption) text.push(svgText(cellLeft + cellWidth / 2, rowTop + imageHeight + CAPTION.height - 3, image.caption, CAPTION.fontSize, 'middle'));
    });
    rowTop += rowHeights[r] + GAP;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${text.join('')}</svg>`;
  return sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .composite([...cells, { input: Buffer.from(svg), left: 0, top: 0 }])
    .removeAlpha()
    .png()
    .toBuffer();
}

function checkImage(image: SheetImage, first: SheetImage, where: string): void {
  if (!Number.isInteger(image.width) || !Number.isInteger(image.height) || image.width < 1 || image.height < 1) {
    throw new Error(`contactSheet: ${where} is ${image.width}x${image.height}: expected positive integer sizes`);
  }
  if (image.width !== first.width || image.height !== first.height) {
    throw new Error(`contactSheet: ${where} is ${image.width}x${image.height}, the first image ${first.width}x${first.height}: expected one size`);
  }
  const expected = image.width * image.height * 3;
  if (image.pixels.length !== expected) {
    throw new Error(`contactSheet: ${where} has ${image.pixels.length} values: expected ${image.width}x${image.height}x3 = ${expected}`);
  }
  const bad = image.pixels.findIndex((v) => !(v >= 0 && v <= 255));
  if (bad >= 0) throw new Error(`contactSheet: ${where} has ${image.pixels[bad]} at index ${bad}: expected 0-255 (standardised inputs cannot be drawn)`);
}

/** The image's pixels as bytes, each repeated zoom x zoom. */
function zoomed({ pixels, width, height }: SheetImage, zoom: number): Buffer {
  const out = Buffer.alloc(width * zoom * height * zoom * 3);
  for (let y = 0; y < height * zoom; y++) {
    for (let x = 0; x < width * zoom; x++) {
      const from = (Math.floor(y / zoom) * width + Math.floor(x / zoom)) * 3;
      const to = (y * width * zoom + x) * 3;
      for (let k = 0; k < 3; k++) out[to + k] = Math.round(pixels[from + k]);
    }
  }
  return out;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function svgText(x: number, y: number, content: string, fontSize: number, anchor: 'start' | 'middle'): string {
  const escaped = content.replace(/[&<>"]/g, (c) => ESCAPES[c]);
  return `<text x="${x}" y="${y}" font-family="DejaVu Sans, sans-serif" font-size="${fontSize}" text-anchor="${anchor}" fill="#222">${escaped}</text>`;
}
