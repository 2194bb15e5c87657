/** Helpers for tests that compare a backend against the stock cpu backend (the oracle). */
import * as tf from '@tensorflow/tfjs';
import fs from 'node:fs';
import path from 'node:path';
import { vulkanLoaderMissing } from './webgpu/dawn';

/** max |expected - actual| / max |expected|: one relative error for a whole tensor. */
export function maxRelativeError(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (expected.length !== actual.length) {
    throw new Error(`length mismatch: expected ${expected.length} values, got ${actual.length}`);
  }
  let scale = 0;
  let error = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    error = Math.max(error, Math.abs(expected[i] - actual[i]));
  }
  return scale === 0 ? error : error / scale;
}

/** Runs `f` on `backend` inside tidy and returns every output as a plain Float32Array. */
export async function valuesOn(backend: string, f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend '${backend}' is not available`);
  // Read outside tidy: tidy walks whatever it returns looking for tensors, a typed array element by element.
  const outputs = tf.tidy(() => f());
  const tensors = Array.isArray(outputs) ? outputs : [outputs];
  // Asynchronous: webgpu has no synchronous read in Node.
  const values = (await Promise.all(tensors.map((t) => t.data()))).map((v) => Float32Array.from(v));
  tf.dispose(tensors);
  return values;
}

/** Tensors and backend buffers alive now: both must come back to this after the work under test. */
export function liveMemory(): { tensors: number; buffers: number } {
  return { tensors: tf.memory().numTensors, buffers: tf.engine().backend.numDataIds() };
}

/** Where Debian's chromium keeps SwiftShader's Vulkan driver, with a Vulkan loader (libvulkan.so.1) beside it. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * The environment a child process needs for the webgpu backend in tests: SwiftShader where chromium's driver is
 * installed (the tests force it: `--backend webgpu` takes a software adapter), else the system's own Vulkan, Metal
 * or D3D12 (a GPU machine). A reason to skip only where neither exists: a Vulkan loader installed without a working
 * adapter fails the tests instead of skipping them.
 */
export function webgpuTestEnvironment(): { env: NodeJS.ProcessEnv; adapter: 'swiftshader' | 'system' } | { skip: string } {
  if (fs.existsSync(SWIFTSHADER_ICD)) {
    const dir = path.dirname(SWIFTSHADER_ICD);
    const libraryPath = [dir, ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter((d) => d !== '')].join(':');
    // VK_DRIVER_FILES is the newer loaders' name for VK_ICD_FILENAMES.
    return { env: { LD_LIBRARY_PATH: libraryPath, VK_ICD_FILENAMES: SWIFTSHADER_ICD, VK_DRIVER_FILES: SWIFTSHADER_ICD }, adapter: 'swiftshader' };
  }
  const missing = vulkanLoaderMissing();
  if (missing === undefined) return { env: {}, adapter: 'system' };
  return { skip: `webgpu tests skipped: no SwiftShader (${SWIFTSHADER_ICD}: apt-get install chromium) and ${missing}` };
}
