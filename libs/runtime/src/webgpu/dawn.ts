import * as tf from '@tensorflow/tfjs';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The WebGPU adapter a run used, as Dawn describes it (GPUAdapterInfo); recorded in run.json. */
export interface GpuAdapter {
  /** e.g. 'nvidia', 'amd', 'intel', 'apple', 'google' (SwiftShader). */
  vendor: string;
  /** e.g. 'ampere', 'rdna-3', 'swiftshader'. */
  architecture: string;
  device: string;
  description: string;
  /** A CPU emulation (SwiftShader, lavapipe, Dawn's fallback adapter): right for tests, far too slow to train. */
  software: boolean;
}

/** The part of the `webgpu` package (Dawn's Node bindings) dmlnet uses; its own types need the DOM's. */
interface DawnGpu {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<{ info: Record<string, unknown> } | null>;
}
interface DawnModule {
  create(flags: string[]): DawnGpu;
  globals: Record<string, unknown>;
}

/** What the error says to install where Dawn finds no adapter: a driver for a GPU, or SwiftShader for the tests. */
export const WEBGPU_INSTALL_HINT =
  'install a Vulkan driver with its loader (Linux: the GPU vendor\'s driver and libvulkan1; macOS and Windows need nothing), ' +
  'or for tests Debian\'s chromium and run with LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json';

const require = createRequire(import.meta.url);
// The software adapters Dawn may offer besides its own fallback flag.
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|software|null backend/i;
let gpu: DawnGpu | undefined;

/**
 * Asks Dawn (the `webgpu` package) for its high-performance adapter, the one tfjs-backend-webgpu then takes.
 * Installs no globals. Throws where the package is missing or no adapter is found, naming what to install.
 */
export async function findDawnAdapter(): Promise<GpuAdapter> {
  const loader = vulkanLoaderMissing();
  if (loader !== undefined) throw new Error(`${loader}: ${WEBGPU_INSTALL_HINT}`);
  gpu ??= (await loadDawn()).create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) throw new Error(`Dawn found no WebGPU adapter: ${WEBGPU_INSTALL_HINT}`);
  const text = (key: string) => String(adapter.info[key] ?? '');
  const found = { vendor: text('vendor'), architecture: text('architecture'), device: text('device'), description: text('description') };
  return { ...found, software: adapter.info.isFallbackAdapter === true || SOFTWARE.test(`${found.architecture} ${found.description}`) };
}

/**
 * Registers tfjs-backend-webgpu on Dawn and switches to it. It registers only where `navigator.gpu` exists when it
 * loads, and its buffers use WebGPU's usage flags as globals: both are installed here, on this path only.
 */
export async function startTfjsWebgpu(): Promise<void> {
  if (gpu === undefined) throw new Error('startTfjsWebgpu: call findDawnAdapter() first');
  if (tf.findBackend('webgpu') === null) {
    Object.assign(globalThis, (await loadDawn()).globals);
    const holder = globalThis as { navigator?: object };
    // Node 21+ has a navigator of its own; Node 20 none.
    if (holder.navigator === undefined) holder.navigator = {};
    Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true });
    require('@tensorflow/tfjs-backend-webgpu');
  }
  if (!(await tf.setBackend('webgpu'))) throw new Error(`tf.setBackend('webgpu') failed`);
  await tf.ready();
}

/** One line for the backend's detail: the adapter, and a warning where it is a software one. */
export function describeAdapter(adapter: GpuAdapter): string {
  const what = adapter.description || adapter.device || 'unnamed adapter';
  const soft = adapter.software ? '; a software emulation on the CPU: for tests only' : '';
  return `TensorFlow.js webgpu on Dawn (${what}, vendor ${adapter.vendor || '?'}, architecture ${adapter.architecture || '?'}${soft})`;
}

/**
 * On Linux, why Dawn could not load the Vulkan loader (libvulkan.so.1), or undefined where the dynamic linker can
 * find it. Checked first because Dawn, missing it, prints a native warning on stderr on every automatic pick.
 */
export function vulkanLoaderMissing(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const library = 'libvulkan.so.1';
  const dirs = (process.env.LD_LIBRARY_PATH ?? '').split(':').filter((d) => d !== '');
  if (dirs.some((dir) => fs.existsSync(path.join(dir, library)))) return undefined;
  let cache = '';
  try {
    cache = fs.readFileSync('/etc/ld.so.cache', 'latin1');
  } catch {
    return undefined; // no cache to read (a musl system): let Dawn look for itself
  }
  if (cache.includes(library)) return undefined;
  return `no Vulkan loader: ${library} is neither in the linker cache (/etc/ld.so.cache) nor on LD_LIBRARY_PATH`;
}

async function loadDawn(): Promise<DawnModule> {
  try {
    return (await import('webgpu')) as unknown as DawnModule;
  } catch (error) {
    throw new Error(`the webgpu package (Dawn) could not be loaded: ${(error as Error).message.split('\n')[0]}`);
  }
}
