import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScript, rejects } from '@dmlnet/files/testing';
import { INDEX_COLUMNS, readIndexCsv } from '@dmlnet/datasets';
import { KEY_FILE, PARTIAL_FILE } from './cache-key';
import { defaultSyntheticRoot, ensureSyntheticDataset, type SyntheticOptions } from './generate';

const SMALL = { preset: 'synthetic-kdef', subjects: 2, size: 24, processes: 1 } as const;

let scratch = '';
test.before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-synthetic-'));
});
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const folder = (name: string) => path.join(scratch, name);
const generate = (name: string, options: Partial<SyntheticOptions> = {}) => ensureSyntheticDataset({ ...SMALL, root: folder(name), ...options });
/** Every file under a folder, by relative path, with its bytes. */
function files(root: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(root, file).replaceAll('\\', '/'), fs.readFileSync(file));
  }
  return found;
}

test('writes RGB PNGs of the size asked, index.csv with the index columns, and the key last', async () => {
  const dataset = await generate('first');
  assert.ok(dataset.generated);
  assert.is(dataset.samples.length, 2 * 2 * 7 * 5);
  const root = folder('first');
  assert.is(fs.readFileSync(path.join(root, 'index.csv'), 'utf8').split('\n')[0], INDEX_COLUMNS.join(','));
  const { samples, problems } = readIndexCsv(path.join(root, 'index.csv'));
  assert.equal(problems, []);
  assert.equal(samples, dataset.samples);
  for (const sample of samples.slice(0, 5)) {
    const meta = await sharp(path.join(root, sample.path)).metadata();
    assert.equal([meta.format, meta.width, meta.height, meta.channels], ['png', 24, 24, 3]);
  }
  assert.ok(fs.existsSync(path.join(root, KEY_FILE)));
  assert.not.ok(fs.existsSync(path.join(root, PARTIAL_FILE)));
  assert.is(files(root).size, samples.length + 2);
});

test('the same seed gives the same bytes; another seed other images with the same labels', async () => {
  await generate('again');
  await generate('other-seed', { seed: 1 });
  const first = files(folder('first'));
  const again = files(folder('again'));
  const other = files(folder('other-seed'));
  assert.equal([...again.keys()].sort(), [...first.keys()].sort());
  for (const [name, bytes] of first) assert.ok(bytes.equals(again.get(name) as Buffer), name);
  const images = [...first.keys()].filter((name) => name.endsWith('.png'));
  const differing = images.filter((name) => !other.get(name)?.equals(first.get(name) as Buffer)).length;
  assert.ok(other.has(images[0]) && differing === images.length, `${differing} of ${images.length} images differ`);
});

test('rendering in several processes writes the same bytes as in one', async () => {
  await generate('two-processes', { processes: 2 });
  const one = files(folder('first'));
  const two = files(folder('two-processes'));
  assert.is(two.size, one.size);
  for (const [name, bytes] of one) assert.ok(bytes.equals(two.get(name) as Buffer), name);
});

test('a complete set is reused; a changed option regenerates it', async () => {
  const cached = await generate('first');
  assert.not.ok(cached.generated);
  const bigger = await generate('first', { size: 32 });
  assert.ok(bigger.generated);
  const meta = await sharp(path.join(folder('first'), bigger.samples[0].path)).metadata();
  assert.is(meta.width, 32);
  const fewer = await generate('first', { size: 32, subjects: 1 });
  assert.ok(fewer.generated);
  // No images of the earlier, larger set linger.
  assert.is(files(folder('first')).size, fewer.samples.length + 2);
  assert.not.ok((await generate('first', { size: 32, subjects: 1 })).generated);
});

test('a missing image or an interrupted generation is detected and the set regenerated', async () => {
  const dataset = await generate('interrupted');
  const lost = path.join(folder('interrupted'), dataset.samples[7].path);
  const bytes = fs.readFileSync(lost);
  fs.rmSync(lost);
  assert.ok((await generate('interrupted')).generated);
  assert.ok(fs.readFileSync(lost).equals(bytes));
  // As if killed mid-way: the partial marker is still there.
  fs.writeFileSync(path.join(folder('interrupted'), PARTIAL_FILE), '{}');
  assert.ok((await generate('interrupted')).generated);
  assert.not.ok(fs.existsSync(path.join(folder('interrupted'), PARTIAL_FILE)));
});

/**
 * Generates a set in a new process with DMLNET_CRASH_AT (read once a process) set to `crashAt`; an error is printed
 * as its message alone. A script file, not -e: the renderers are forked with this process's flags.
 */
function generateInChild(options: SyntheticOptions, crashAt: string) {
  const script = path.join(scratch, `generate-${path.basename(options.root ?? '')}.mts`);
  fs.writeFileSync(
    script,
    `import { ensureSyntheticDataset } from ${JSON.stringify(fileURLToPath(new URL('./generate.ts', import.meta.url)))};
    await ensureSyntheticDataset(${JSON.stringify(options)}).catch((error) => { console.log(error.message); process.exitCode = 2; });`,
  );
  return runScript(script, [], { env: { DMLNET_CRASH_AT: crashAt } });
}

test('a write that fails while generating (a full disk) is its one-line error, in one process or several; the set stays incomplete', () => {
  for (const processes of [1, 2]) {
    const root = folder(`full-disk-${processes}`);
    const child = generateInChild({ ...SMALL, processes, root }, 'synthetic-image:20:ENOSPC');
    assert.is(child.status, 2, child.stderr);
    assert.is(child.stdout, `cannot write ${root}: no space left on device, simulated by DMLNET_CRASH_AT (ENOSPC)\n`);
    assert.is(child.stderr, '', `${processes} process(es): nothing else printed`);
    assert.ok(fs.existsSync(path.join(root, PARTIAL_FILE)) && !fs.existsSync(path.join(root, KEY_FILE)));
  }
});

test('a generation killed mid-way (SIGKILL, two processes rendering) is regenerated whole, byte for byte', async () => {
  const root = folder('killed');
  const killed = generateInChild({ ...SMALL, processes: 2, root }, 'synthetic-image:30');
  assert.is(killed.signal, 'SIGKILL', killed.stderr);
  assert.ok(fs.existsSync(path.join(root, PARTIAL_FILE)) && !fs.existsSync(path.join(root, KEY_FILE)), 'left incomplete');
  const pngs = [...files(root).keys()].filter((name) => name.endsWith('.png')).length;
  assert.ok(pngs >= 30 && pngs < 140, `${pngs} images written before the kill`);
  assert.is(killed.stderr, '', 'the renderers stop quietly');
  assert.ok((await generate('killed')).generated);
  // 'again' is the same set generated in one go.
  const whole = files(folder('again'));
  const regenerated = files(root);
  assert.equal([...regenerated.keys()].sort(), [...whole.keys()].sort(), 'no temp file left');
  for (const [name, bytes] of whole) assert.ok(bytes.equals(regenerated.get(name) as Buffer), name);
});

test('refuses a folder that holds something else; rejects bad options', async () => {
  fs.mkdirSync(folder('foreign'));
  fs.writeFileSync(path.join(folder('foreign'), 'thesis.tex'), 'mine');
  await rejects(() => generate('foreign'), /is not empty and holds no generated set/);
  assert.equal(fs.readdirSync(folder('foreign')), ['thesis.tex']);
  for (const options of [{ subjects: 0 }, { size: 4 }, { preset: 'synthetic-ck' }]) {
    await rejects(() => generate('bad', options), /subjects|size|unknown synthetic preset/);
  }
});

test('the default folder is the one datasets.manifest.json names', () => {
  assert.is(defaultSyntheticRoot('synthetic-kdef'), path.join('.cache', 'synthetic', 'kdef'));
  assert.is(defaultSyntheticRoot('synthetic-multipie'), path.join('.cache', 'synthetic', 'multipie'));
});

test.run();
