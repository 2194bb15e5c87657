import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ExpressionCode, IndexedSample } from '@dmlnet/datasets';
import { seededRandom } from '../random';
import { formatProbeTable, probeLinearReadout } from './linear-probe';

const SIZE = 4;
const EXPRESSIONS: readonly ExpressionCode[] = ['HA', 'NE', 'SA'];
const YAWS = [0, 90];

/**
 * A made-up set where the answers are known: noise, plus a bright block whose place is the expression only at yaw 0
 * (at 90 nothing shows it), a bright column whose place is the yaw, and a fixed pattern per person. Eight train
 * people, four test people, two sessions of each expression at each yaw.
 */
function madeUpSet(): { samples: IndexedSample[]; pixels: Uint8Array[] } {
  const samples: IndexedSample[] = [];
  const pixels: Uint8Array[] = [];
  for (let person = 0; person < 12; person++) {
    const subject = `S${person}`;
    const pattern = seededRandom('person', person);
    const face = Array.from({ length: SIZE * SIZE * 3 }, () => pattern.uniform(-20, 20));
    for (const session of ['A', 'B']) {
      for (const [e, expression] of EXPRESSIONS.entries()) {
        for (const [y, yaw] of YAWS.entries()) {
          const noise = seededRandom(subject, session, expression, yaw);
          const image = face.map((value) => 128 + value + noise.uniform(-10, 10));
          // Expression: pixel row 0, columns 0-2 (channel 0), lit at yaw 0 only.
          if (yaw === 0) image[e * 3] += 120;
          // Yaw: pixel row 3, column y (channel 1).
          image[(3 * SIZE + y) * 3 + 1] += 90;
          samples.push({ path: `${subject}_${session}_${expression}_${yaw}.png`, subject, expression, pose: yaw, split: person < 8 ? 'train' : 'test', intensity: 3, session });
          pixels.push(Uint8Array.from(image, (value) => Math.max(0, Math.min(255, Math.round(value)))));
        }
      }
    }
  }
  return { samples, pixels };
}

test('the probe reads what the pixels hold: expression at yaw 0 and not at 90, the yaw, the person; chance beside each', () => {
  const { samples, pixels } = madeUpSet();
  const report = probeLinearReadout(samples, pixels, SIZE);
  assert.equal([report.features, report.images, report.trainPeople, report.testPeople], [48, 144, 8, 4]);
  assert.equal(report.yaws, [0, 90]);
  assert.equal(report.expressions, ['HA', 'NE', 'SA']);
  const task = (name: string) => report.tasks.find((t) => t.task === name) as (typeof report.tasks)[number];
  const perYaw = task('expression-per-yaw');
  const at = (yaw: number) => perYaw.perYaw.find((p) => p.yaw === yaw) as (typeof perYaw.perYaw)[number];
  assert.is(at(0).accuracy, 1);
  assert.ok(at(90).accuracy < 0.6, `expression at 90, where nothing shows it: ${at(90).accuracy}`);
  assert.equal([at(0).images, at(0).chance, perYaw.chance], [24, 1 / 3, 1 / 3]);
  assert.equal([perYaw.fitImages, perYaw.evaluatedImages], [96, 48]);
  assert.is(task('yaw').accuracy, 1);
  assert.is(task('yaw').chance, 0.5);
  // At one yaw every image is of that yaw's class: no chance level to print there.
  assert.equal(task('yaw').perYaw.map((p) => p.chance), [null, null]);
  // Identity: session A of each test person's expressions fitted (every other performance), B scored, chance 1/4.
  const identity = task('identity');
  assert.equal([identity.classes, identity.fitImages, identity.evaluatedImages, identity.chance], [4, 24, 24, 0.25]);
  assert.is(identity.accuracy, 1);
  const table = formatProbeTable(report);
  assert.match(table, /\| expression-per-yaw \| 3 \| [\d.]+ \(33\.3\) \| 100\.0 \(33\.3\) \| [\d.]+ \(33\.3\) \|/);
  assert.match(table, /\| yaw \| 2 \| 100\.0 \(50\.0\) \| 100\.0 \| 100\.0 \|/);
});

test('the probe refuses an image of the wrong size, a sample without a yaw, a set of one yaw and a set without test people', () => {
  const { samples, pixels } = madeUpSet();
  assert.throws(() => probeLinearReadout(samples, pixels.slice(1), SIZE), /144 samples but 143 images/);
  assert.throws(() => probeLinearReadout(samples, pixels, 5), /S0_A_HA_0.png has 48 values, expected 5x5x3 = 75/);
  const noYaw = samples.map((s, i) => (i === 3 ? { ...s, pose: null } : s));
  assert.throws(() => probeLinearReadout(noYaw, pixels, SIZE), /S0_A_NE_90.png has no yaw label/);
  const oneYaw = samples.map((s) => ({ ...s, pose: 0 }));
  assert.throws(() => probeLinearReadout(oneYaw, pixels, SIZE), /every image scored for yaw is of one class/);
  const allTrain = samples.map((s) => ({ ...s, split: 'train' as const }));
  assert.throws(() => probeLinearReadout(allTrain, pixels, SIZE), /needs train and test people, got 144 train and 0 test images/);
});

test.run();
