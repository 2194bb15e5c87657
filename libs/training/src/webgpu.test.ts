import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScript } from '@dmlnet/files/testing';
import { webgpuTestEnvironment } from '@dmlnet/runtime/testing';

/**
 * Tolerances against the stock cpu backend, as max |cpu - webgpu| / max |cpu| per output. Kernels: float32 sums in
 * another order (a GPU reduces in tiles), measured at most 9.5e-7 on SwiftShader (batch norm's forward); 1e-4 leaves
 * room for real GPUs' fused multiply-adds. Training steps: three Adam steps of the smoke model carry those differences
 * through three ResNets and batch norm; measured at most 2.1e-5 on SwiftShader (step 3's triplet loss). predict's FER
 * features after two epochs of training are held to the step tolerance; measured 1.4e-6 on SwiftShader. Resuming is
 * held to the bit: same backend, same adapter, same kernels in the same order.
 */
const KERNEL_TOLERANCE = 1e-4;
const STEP_TOLERANCE = 1e-3;

interface FixtureOutput {
  adapter: { vendor: string; architecture: string; description: string };
  kernels: { name: string; errors: number[] }[];
  uncovered: string[];
  stepKernels: string[];
  cpu: { totals: number[]; losses: Record<string, number>[]; leaked: number };
  webgpu: { totals: number[]; losses: Record<string, number>[]; leaked: number };
  trainer: {
    killed: string;
    killAt: number;
    whole: TrainerRun;
    resumed: TrainerRun;
    leaked: number;
  };
  predict: {
    expression: [number[], number[]];
    pose: [number[], number[]];
    featureError: number;
    features: number;
    leaked: [number, number];
    fps: number[];
    fpsLeaked: number;
  };
}

/** A trainer run on webgpu: SHA-256 of its weights and moving average, its state and metrics without seconds. */
interface TrainerRun {
  weights: string;
  average: string;
  state: Record<string, unknown>;
  metrics: Record<string, unknown>[];
}

const setup = webgpuTestEnvironment();

if ('skip' in setup) {
  console.log(setup.skip);
} else {
  let output: FixtureOutput | undefined;
  const run = (): FixtureOutput => {
    if (output !== undefined) return output;
    const fixture = fileURLToPath(new URL('./webgpu.fixture.ts', import.meta.url));
    const started = performance.now();
    const child = runScript(fixture, [], { env: { DMLNET_BACKEND: undefined, DMLNET_THREADS: undefined, ...setup.env }, timeoutMs: 600_000 });
    assert.is(child.status, 0, `exit ${child.status} (${child.signal ?? 'no signal'}): ${child.stderr}`);
    output = JSON.parse(child.stdout) as FixtureOutput;
    console.log(`webgpu fixture on ${output.adapter.description} (${output.adapter.architecture}): ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return output;
  };

  test('every kernel of a DML-Net training step, forward and gradient, matches the cpu backend on webgpu', () => {
    const { kernels, uncovered, stepKernels } = run();
    assert.ok(stepKernels.length > 20, `a smoke step runs ${stepKernels.length} kernels`);
    assert.equal(uncovered, [], 'kernels a smoke training step runs that no case checks');
    for (const k of kernels) {
      for (const [i, error] of k.errors.entries()) assert.ok(error <= KERNEL_TOLERANCE, `${k.name}, output ${i}: relative error ${error} > ${KERNEL_TOLERANCE}`);
    }
  });

  test("a few training steps of the smoke model on webgpu give the cpu backend's losses, and leak no tensor", () => {
    const { cpu, webgpu } = run();
    assert.is(webgpu.totals.length, cpu.totals.length);
    for (const [i, total] of cpu.totals.entries()) {
      const error = Math.abs(webgpu.totals[i] - total) / Math.abs(total);
      assert.ok(error <= STEP_TOLERANCE, `step ${i + 1}: total ${webgpu.totals[i]} vs cpu ${total} (relative ${error})`);
      for (const [task, value] of Object.entries(cpu.losses[i])) {
        const e = Math.abs(webgpu.losses[i][task] - value) / Math.max(Math.abs(value), 1e-3);
        assert.ok(e <= STEP_TOLERANCE, `step ${i + 1}, ${task}: ${webgpu.losses[i][task]} vs cpu ${value}`);
      }
    }
    assert.is(webgpu.leaked, 0, 'tensors left by the webgpu steps');
    assert.is(cpu.leaked, 0, 'tensors left by the cpu steps');
  });

  test('the trainer on webgpu, killed mid-epoch and resumed, ends with the same weights, average and metrics to the bit as a run never stopped', () => {
    const { killed, killAt, whole, resumed, leaked } = run().trainer;
    assert.is(killed, 'killed');
    assert.is(killAt, 3, 'killed after the first step of epoch 2, after the checkpoint of epoch 1');
    assert.is(whole.metrics.length, 6, 'two epochs of two steps: 4 step records and 2 epoch records');
    assert.is(resumed.weights, whole.weights, 'SHA-256 of the weights');
    assert.is(resumed.average, whole.average, 'SHA-256 of the moving average');
    assert.equal(resumed.state, whole.state);
    assert.equal(resumed.metrics, whole.metrics);
    assert.is(leaked, 0, 'tensors left by the whole run');
  });

  test("predict on webgpu gives the cpu backend's classes and FER features for the same trained weights; FPS measures; nothing leaks", () => {
    const { expression, pose, featureError, features, leaked, fps, fpsLeaked } = run().predict;
    assert.is(expression[0].length, 30);
    assert.equal(expression[1], expression[0], 'expression classes, webgpu vs cpu');
    assert.equal(pose[1], pose[0], 'pose classes, webgpu vs cpu');
    assert.is(features, 30 * 16, "30 images' FER features");
    assert.ok(featureError <= STEP_TOLERANCE, `FER features: relative error ${featureError} > ${STEP_TOLERANCE}`);
    assert.equal(leaked, [0, 0], 'tensors left by predict (cpu, webgpu)');
    assert.is(fps.length, 2, 'one rate per round');
    for (const rate of fps) assert.ok(Number.isFinite(rate) && rate > 0, `FPS ${rate}`);
    assert.is(fpsLeaked, 0, 'tensors left by the FPS measurement');
  });
}

test.run();
