import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REGION, type Region } from './region';
import { renderFace, type RenderedFace } from './render-face';
import { testScene } from './test-scene.fixture';

const SIZE = 96;
const FEATURES: readonly Region[] = [REGION.eyeRight, REGION.eyeLeft, REGION.brow, REGION.nose, REGION.lips, REGION.mouthOpening];

function pixels(image: RenderedFace, regions: readonly Region[]): { count: number; meanColumn: number; meanRow: number } {
  let count = 0;
  let columns = 0;
  let rows = 0;
  image.region.forEach((region, pixel) => {
    if (!regions.includes(region as Region)) return;
    count++;
    columns += pixel % image.size;
    rows += Math.floor(pixel / image.size);
  });
  return { count, meanColumn: columns / count, meanRow: rows / count };
}

test('the same scene renders the same bytes; RGB, size x size', () => {
  const a = renderFace(testScene(30, { 12: 1 }), SIZE);
  const b = renderFace(testScene(30, { 12: 1 }), SIZE);
  assert.is(a.rgb.length, SIZE * SIZE * 3);
  assert.equal(a.rgb, b.rgb);
  assert.equal(a.region, b.region);
});

test('frontal: both eyes, the features centred', () => {
  const image = renderFace(testScene(0), SIZE);
  const right = pixels(image, [REGION.eyeRight]);
  const left = pixels(image, [REGION.eyeLeft]);
  assert.ok(right.count > 10 && left.count > 10, `eye pixels ${right.count}, ${left.count}`);
  assert.ok(Math.abs(right.count - left.count) <= 2, `eyes ${right.count} vs ${left.count}`);
  // x points to the person's left, which the camera sees on the image's right.
  assert.ok(right.meanColumn < SIZE / 2 && left.meanColumn > SIZE / 2);
  assert.ok(Math.abs(pixels(image, FEATURES).meanColumn - (SIZE - 1) / 2) < 1);
});

test('yaw turns the face: at +90 the features lie on the right of the image, at -90 on the left', () => {
  for (const yaw of [90, -90]) {
    const features = pixels(renderFace(testScene(yaw), SIZE), FEATURES);
    assert.ok(features.count > 20, `yaw ${yaw}: ${features.count} feature pixels`);
    if (yaw > 0) assert.ok(features.meanColumn > SIZE * 0.7, `yaw ${yaw}: mean column ${features.meanColumn}`);
    else assert.ok(features.meanColumn < SIZE * 0.3, `yaw ${yaw}: mean column ${features.meanColumn}`);
  }
  const half = pixels(renderFace(testScene(45), SIZE), FEATURES);
  assert.ok(half.meanColumn > SIZE * 0.55 && half.meanColumn < SIZE * 0.8, `yaw 45: mean column ${half.meanColumn}`);
});

test('self-occlusion: in profile the far eye is hidden, the near one seen; at 45 degrees the far eye is narrower', () => {
  const plus = renderFace(testScene(90), SIZE);
  assert.is(pixels(plus, [REGION.eyeLeft]).count, 0);
  assert.ok(pixels(plus, [REGION.eyeRight]).count > 0);
  const minus = renderFace(testScene(-90), SIZE);
  assert.is(pixels(minus, [REGION.eyeRight]).count, 0);
  assert.ok(pixels(minus, [REGION.eyeLeft]).count > 0);
  const turned = renderFace(testScene(45), SIZE);
  assert.ok(pixels(turned, [REGION.eyeLeft]).count < 0.7 * pixels(turned, [REGION.eyeRight]).count);
});

test('a symmetric face at -yaw is the mirror image of the face at +yaw', () => {
  for (const yaw of [0, 30, 90]) {
    const a = renderFace(testScene(yaw), SIZE);
    const b = renderFace(testScene(-yaw), SIZE);
    let total = 0;
    let worst = 0;
    for (let row = 0; row < SIZE; row++) {
      for (let column = 0; column < SIZE; column++) {
        for (let channel = 0; channel < 3; channel++) {
          const difference = Math.abs(a.rgb[(row * SIZE + column) * 3 + channel] - b.rgb[(row * SIZE + SIZE - 1 - column) * 3 + channel]);
          total += difference;
          worst = Math.max(worst, difference);
        }
      }
    }
    assert.ok(total / (SIZE * SIZE * 3) < 0.05, `yaw ${yaw}: mean difference ${total / (SIZE * SIZE * 3)}`);
    assert.ok(worst <= 2, `yaw ${yaw}: largest difference ${worst}`);
  }
});

test('AU12 (lip corner puller) raises and widens the mouth corners in the image', () => {
  const corners = (image: RenderedFace) => {
    const lips = [REGION.lips, REGION.mouthOpening] as Region[];
    const columns: number[] = [];
    image.region.forEach((region, pixel) => lips.includes(region as Region) && columns.push(pixel % SIZE));
    const [low, high] = [Math.min(...columns), Math.max(...columns)];
    let rows = 0;
    let count = 0;
    image.region.forEach((region, pixel) => {
      const column = pixel % SIZE;
      if (lips.includes(region as Region) && (column <= low + 2 || column >= high - 2)) {
        rows += Math.floor(pixel / SIZE);
        count++;
      }
    });
    return { width: high - low, row: rows / count };
  };
  const neutral = corners(renderFace(testScene(0), SIZE));
  const smile = corners(renderFace(testScene(0, { 12: 1 }), SIZE));
  assert.ok(smile.row < neutral.row - 1, `corner row ${neutral.row} -> ${smile.row}`);
  assert.ok(smile.width > neutral.width, `mouth width ${neutral.width} -> ${smile.width}`);
});

test('an occluder hides what is behind it', () => {
  const scene = testScene(0);
  const hand = { kind: 'ellipse', x: 0.5, y: 0.7, halfWidth: 0.15, halfHeight: 0.1, angle: 0, colour: [1, 0, 0] } as const;
  const image = renderFace({ ...scene, occluders: [hand] }, SIZE);
  const centre = Math.round(0.7 * SIZE) * SIZE + SIZE / 2;
  assert.is(image.region[centre], REGION.occluder);
  assert.equal([...image.rgb.subarray(centre * 3, centre * 3 + 3)], [255, 0, 0]);
});

test.run();
