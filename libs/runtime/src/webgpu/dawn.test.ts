import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScript } from '@dmlnet/files/testing';
import type { BackendInfo } from '../backend';
import { describeBackend } from '../backend';
import { webgpuTestEnvironment } from '../testing';

const setup = webgpuTestEnvironment();
const fixture = fileURLToPath(new URL('./adapter.fixture.ts', import.meta.url));

/** The fixture's automatic pick and forced webgpu backend, in a child with `env`. */
function pick(env: NodeJS.ProcessEnv): { auto: BackendInfo; forced: BackendInfo | { error: string } } {
  const child = runScript(fixture, [], { env: { DMLNET_BACKEND: undefined, DMLNET_THREADS: undefined, ...env }, timeoutMs: 120_000 });
  assert.is(child.status, 0, `exit ${child.status}: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

if ('skip' in setup) {
  console.log(setup.skip);
} else {
  test('--backend webgpu runs on the adapter Dawn finds and names it; auto takes it only where it is hardware', () => {
    const { auto, forced } = pick(setup.env);
    assert.ok(!('error' in forced), JSON.stringify(forced));
    const info = forced as BackendInfo;
    assert.is(info.name, 'webgpu');
    assert.is(info.tfBackend, 'webgpu');
    assert.ok(info.adapter && info.adapter.vendor !== '' && info.adapter.architecture !== '', JSON.stringify(info.adapter));
    assert.match(describeBackend(info), `vendor ${info.adapter.vendor}, architecture ${info.adapter.architecture}`);
    if (setup.adapter === 'swiftshader') {
      assert.is(info.adapter.architecture, 'swiftshader');
      assert.is(info.adapter.software, true);
      assert.match(describeBackend(info), 'a software emulation on the CPU: for tests only');
      assert.is.not(auto.name, 'webgpu');
      assert.match(auto.skipped.find((s) => s.name === 'webgpu')?.reason ?? '', /^Dawn's only adapter is a software one \(SwiftShader.*force it with --backend webgpu for tests$/);
    } else {
      assert.is(auto.name === 'webgpu', !info.adapter.software, 'auto takes a hardware adapter, never a software one');
    }
  });

  // Vulkan's variables steer Dawn on Linux only (Metal and D3D12 ignore them).
  if (process.platform === 'linux') {
    test('--backend webgpu with no usable Vulkan driver is an error naming what was found and what to install', () => {
      const { forced } = pick({ LD_LIBRARY_PATH: '', VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: '/nonexistent/icd.json' });
      assert.ok('error' in forced, 'it loaded instead');
      assert.match(forced.error, /^--backend='webgpu' was asked for, but it cannot be used: (no Vulkan loader: libvulkan\.so\.1 is neither in the linker cache \(\/etc\/ld\.so\.cache\) nor on LD_LIBRARY_PATH|Dawn found no WebGPU adapter): install a Vulkan driver/);
    });
  }
}

test.run();
