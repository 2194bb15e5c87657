import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import { contactSheet, type SheetImage, type SheetRow } from './contact-sheet';

/** A 5x4 image whose pixel (x, y) is (10 + 40x, 20 + 50y, blue): every pixel tells where it came from. */
function gradient(blue: number, caption?: string): SheetImage {
  const pixels = new Uint8Array(5 * 4 * 3);
  for (let y = 0; y < 4; y++) for (let x = 0; x < 5; x++) pixels.set([10 + 40 * x, 20 + 50 * y, blue], (y * 5 + x) * 3);
  return { pixels, width: 5, height: 4, caption };
}

/**
 * Worked by hand from the layout in contactSheet's docstring, at zoom 3 (images 15x12):
 * label column: 'cluster 1' is 9 characters, ceil(9 * 0.6 * 13) = 71 wide; so cells start at 8 + 71 + 4 = 83.
 * cells: captions 'S001' are ceil(4 * 0.6 * 11) = 27 wide > 15, so cells are 27 wide, images 6 in from their left.
 * width: 83 + 3 cells * 27 + 2 gaps * 4 + 8 = 180.
 * rows: the title band ends at 8 + 28 = 36; row 0 is max(12 + 14, 1 * 16) = 26 high; row 1, two label lines,
 * max(12 + 14, 2 * 16) = 32 high and starts at 36 + 26 + 4 = 66; height 66 + 32 + 8 = 106.
 * images: row 0 at left 83 + 6 + c * (27 + 4) = 89, 120, 151, top 36; row 1 at left 89, top 66.
 */
const ROWS: SheetRow[] = [
  { label: 'cluster 1', images: [gradient(200, 'S001'), gradient(150, 'S002'), gradient(100, 'S001')] },
  { label: ['two', 'lines'], images: [gradient(50)] },
];
const PLACES = [
  { left: 89, top: 36, blue: 200 },
  { left: 120, top: 36, blue: 150 },
  { left: 151, top: 36, blue: 100 },
  { left: 89, top: 66, blue: 50 },
];


async function decode(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
  /** Whether any pixel in [x0, x1) x [y0, y1) is dark, as drawn text is. */
  const inked = (x0: number, x1: number, y0: number, y1: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (Math.max(...at(x, y)) < 128) return true;
    return false;
  };
  return { info, at, inked };
}

test('the PNG is RGB and as large as the layout says, and each pixel of each image lands where it says', async () => {
  const { info, at } = await decode(await contactSheet(ROWS, { title: 'Fig. 14', zoom: 3 }));
  assert.equal([info.width, info.height, info.channels], [180, 106, 3]);
  for (const { left, top, blue } of PLACES) {
    for (let y = 0; y < 12; y++) {
      for (let x = 0; x < 15; x++) assert.equal(at(left + x, top + y), [10 + 40 * Math.floor(x / 3), 20 + 50 * Math.floor(y / 3), blue], `(${x}, ${y}) of the image at ${left}, ${top}`);
    }
  }
  // Around an image, within its cell and between cells: the white background.
  for (const [x, y] of [[88, 40], [104, 40], [110, 40], [119, 40], [95, 35], [95, 48], [95, 65]]) assert.equal(at(x, y), [255, 255, 255], `(${x}, ${y})`);
});

test('the title, the labels and the captions are drawn where they belong, and only there', async () => {
  const { inked } = await decode(await contactSheet(ROWS, { title: 'Fig. 14', zoom: 3 }));
  assert.ok(inked(8, 180, 8, 36), 'title band');
  assert.ok(inked(8, 79, 36, 62), "row 0's label");
  assert.ok(inked(8, 79, 66, 98), "row 1's two-line label");
  assert.ok(inked(83, 110, 48, 62), "the first image's caption");
  assert.not.ok(inked(83, 110, 78, 98), 'no caption under an image without one');
});

test('without a title or captions the sheet shrinks by their bands', async () => {
  const plain = ROWS.map((row) => ({ label: row.label, images: row.images.map(({ caption: _, ...image }) => image) }));
  const { info, at } = await decode(await contactSheet(plain));
  // Zoom 1: cells are 5 wide, width 83 + 3 * 5 + 2 * 4 + 8 = 114; rows max(4, 16) = 16 and max(4, 32) = 32 high,
  // height 8 + 16 + 4 + 32 + 8 = 68. The first image's top-left pixel is at (83, 8).
  assert.equal([info.width, info.height], [114, 68]);
  assert.equal(at(83, 8), [10, 20, 200]);
  assert.equal(at(87, 11), [170, 170, 200]);
});

test('a title wider than the rows widens the sheet', async () => {
  // 'Figure 14.' is 10 characters, 10 * 0.6 * 15 = 90 wide: 8 + 90 + 8 = 106 > the rows' 8 + 8 + 4 + 5 + 8 = 33.
  const { info, inked } = await decode(await contactSheet([{ label: 'x', images: [gradient(0)] }], { title: 'Figure 14.' }));
  assert.is(info.width, 106);
  assert.ok(inked(60, 98, 8, 36), "the title's end is drawn");
});

test('Float32Array pixels are rounded (not truncated) to the same picture', async () => {
  const asFloats = ROWS.map((row) => ({ ...row, images: row.images.map((image) => ({ ...image, pixels: Float32Array.from(image.pixels, (v) => v - 0.4) })) }));
  const bytes = await decode(await contactSheet(ROWS));
  const floats = await decode(await contactSheet(asFloats));
  assert.equal(floats.at(89, 8), bytes.at(89, 8));
  assert.ok((await sharp(await contactSheet(asFloats)).raw().toBuffer()).equals(await sharp(await contactSheet(ROWS)).raw().toBuffer()));
});

test('text is escaped for the SVG overlay', async () => {
  const { inked } = await decode(await contactSheet([{ label: 'A & B <C> "D"', images: [gradient(0, '<1>')] }]));
  assert.ok(inked(8, 60, 8, 24));
});

test('an empty row keeps its label; a sheet needs an image', async () => {
  const { info } = await decode(await contactSheet([{ label: 'cluster 4', images: [] }, { label: 'x', images: [gradient(0)] }]));
  assert.equal([info.width, info.height], [8 + 71 + 4 + 5 + 8, 8 + 16 + 4 + 16 + 8]);
  await rejects(() => contactSheet([]), /0 rows and no images/);
  await rejects(() => contactSheet([{ label: 'empty', images: [] }]), /1 rows and no images/);
});

test('bad images and options are errors naming the row and image', async () => {
  const image = gradient(0);
  const sheet = (...images: SheetImage[]) => contactSheet([{ label: 'r', images: [image] }, { label: 's', images }]);
  await rejects(() => sheet({ ...image, width: 4, pixels: new Uint8Array(4 * 4 * 3) }), /row 1 image 0 is 4x4, the first image 5x4: expected one size/);
  await rejects(() => sheet(image, { ...image, pixels: new Uint8Array(3) }), /row 1 image 1 has 3 values: expected 5x4x3 = 60/);
  await rejects(() => sheet({ ...image, pixels: new Float32Array(60).fill(-0.5) }), /row 1 image 0 has -0.5 at index 0: expected 0-255/);
  await rejects(() => sheet({ ...image, pixels: new Float32Array(60).fill(NaN) }), /row 1 image 0 has NaN/);
  await rejects(() => contactSheet([{ label: 'r', images: [{ ...image, width: 0, pixels: new Uint8Array(0) }] }]), /row 0 image 0 is 0x4: expected positive integer sizes/);
  await rejects(() => contactSheet([{ label: 'r', images: [image] }], { zoom: 1.5 }), /zoom 1.5: expected an integer >= 1/);
});

test.run();
