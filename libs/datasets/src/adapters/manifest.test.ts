import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_MANIFEST, loadManifest, manifestEntry, parseManifest, resolveRoot } from './manifest';
import { makeTree, removeTree } from './tree.fixture';

const KDEF = {
  adapter: 'kdef',
  root: 'data/KDEF',
  rootEnv: 'DMLNET_KDEF_ROOT',
  expressions: ['AN', 'FE'],
  poses: [-90, 0, 90],
  split: { by: 'subject', seed: 0, trainValSubjects: 56, testSubjects: 14 },
};
const parse = (entry: Record<string, unknown>) => parseManifest({ datasets: { kdef: entry } }, '/ws/datasets.manifest.json');

test("the workspace's manifest loads: every entry checked, defaults filled in", () => {
  const manifest = loadManifest();
  for (const name of ['kdef', 'bu3dfe', 'multipie', 'sfew', 'synthetic-kdef', 'synthetic-bu3dfe', 'synthetic-multipie', 'synthetic-sfew']) {
    assert.is(manifest.datasets[name]?.name, name);
  }
  assert.is(manifest.workspaceRoot, path.dirname(DEFAULT_MANIFEST));
  assert.is(manifest.datasets.kdef.unknownPose, 'keep');
  assert.is(manifest.datasets.multipie.unknownPose, 'exclude');
  assert.equal(manifest.datasets.kdef.split, { by: 'subject', seed: 0, trainValSubjects: 56, testSubjects: 14 });
});

test("the manifest's class sets are the paper's: BU-3DFE six (sec. 4.1, Tables 5 and 8), the others their own", () => {
  const { datasets } = loadManifest();
  const six = ['AN', 'DI', 'FE', 'HA', 'SA', 'SU'];
  assert.equal(datasets.bu3dfe.expressions, six);
  assert.equal(datasets['synthetic-bu3dfe'].expressions, six, 'the synthetic set holds NE too, for Table 9 only');
  assert.equal(datasets.kdef.expressions, ['AN', 'DI', 'FE', 'HA', 'NE', 'SA', 'SU']);
  assert.equal(datasets.multipie.expressions, ['NE', 'SM', 'SU', 'SQ', 'DI', 'SC']);
});

test('manifest errors name the file, the entry and the field', () => {
  const where = '/ws/datasets.manifest.json: datasets.kdef';
  assert.throws(() => parse({ ...KDEF, adapter: 'kdeff' }), new RegExp(`^${where}.adapter: unknown adapter "kdeff" \\(did you mean "kdef"\\?\\)`));
  assert.throws(() => parse({ ...KDEF, root: undefined }), new RegExp(`^${where}.root: missing`));
  const { expressions, ...typo } = KDEF;
  assert.throws(() => parse({ ...typo, expresions: expressions }), new RegExp(`^${where}.expresions: not a field \\(did you mean "expressions"\\?\\), expected adapter, root, rootEnv, expressions, poses, unknownPose, split, paper, angles$`));
  assert.throws(() => parse({ ...KDEF, cameras: {} }), new RegExp(`^${where}.cameras: not a setting of the kdef adapter \\(it is one of multipie's\\)`));
  assert.throws(() => parse({ ...KDEF, expressions: ['AF'] }), /datasets\.kdef\.expressions\.0: unknown code "AF" \(did you mean "AN"\?\); the canonical codes are /);
  assert.throws(() => parse({ ...KDEF, poses: [0, 'left'] }), /datasets\.kdef\.poses\.1: expected yaw degrees, got "left"$/);
  assert.throws(() => parse({ ...KDEF, split: { by: 'folder', train: 'Train', test: 'Val' } }), /datasets\.kdef\.split\.by: expected "subject" for the kdef adapter/);
  assert.throws(() => parse({ ...KDEF, split: { ...KDEF.split, trainValSubjects: 0 } }), /datasets\.kdef\.split\.trainValSubjects: expected a whole number of at least 1/);
  assert.throws(() => parse({ ...KDEF, split: { ...KDEF.split, test: 14 } }), /datasets\.kdef\.split\.test: not a field, expected by, seed, trainValSubjects, testSubjects$/);
  assert.throws(() => parse({ ...KDEF, angles: { FL: -90, UP: 10 } }), /datasets\.kdef\.angles: key "UP": expected an angle code/);
  assert.throws(() => parse({ ...KDEF, rootEnv: 'NOT OK' }), /datasets\.kdef\.rootEnv: expected an environment variable name/);
  assert.throws(() => parse({ ...KDEF, unknownPose: 'drop' }), /datasets\.kdef\.unknownPose: expected "keep" or "exclude"/);
  assert.throws(() => parse({ ...KDEF, paper: { trainValImages: 3914, testImage: 979 } }), /datasets\.kdef\.paper\.testImage: not a field \(did you mean "testImages"\?\), expected trainValImages, testImages$/);
  assert.throws(() => parseManifest({ dataset: {} }, 'm.json'), /^m\.json: dataset: not a field \(did you mean "datasets"\?\), expected datasets$/);
  const multipie = { ...KDEF, adapter: 'multipie' };
  assert.throws(() => parse({ ...multipie, cameras: { '051': 0 } }), /datasets\.kdef\.cameras: key "051": expected a camera like 05_1/);
  assert.throws(() => parse({ ...multipie, shots: ['7'] }), /datasets\.kdef\.shots: expected a non-empty list of shots/);
});

test('manifest files: a missing file, bad JSON, an unknown entry', () => {
  const root = makeTree({ 'bad.json': '{ "datasets": ' });
  try {
    assert.throws(() => loadManifest(path.join(root, 'none.json')), /none\.json: no such file/);
    assert.throws(() => loadManifest(path.join(root, 'bad.json')), /bad\.json: .*JSON/);
    assert.throws(() => manifestEntry(loadManifest(), 'kdf'), /no dataset "kdf" \(did you mean "kdef"\?\); known: kdef, bu3dfe/);
  } finally {
    removeTree(root);
  }
});

test('roots: the environment variable first, else the manifest path from the workspace root', () => {
  const manifest = parse(KDEF);
  const entry = manifest.datasets.kdef;
  assert.equal(resolveRoot(manifest, entry, {}), {
    path: path.resolve('/ws/data/KDEF'),
    source: 'datasets.kdef.root in /ws/datasets.manifest.json; set DMLNET_KDEF_ROOT to use another',
  });
  assert.equal(resolveRoot(manifest, entry, { DMLNET_KDEF_ROOT: '/copies/kdef' }), { path: path.resolve('/copies/kdef'), source: '$DMLNET_KDEF_ROOT' });
  assert.is(resolveRoot(manifest, entry, { DMLNET_KDEF_ROOT: '' }).path, path.resolve('/ws/data/KDEF'));
  assert.is(resolveRoot(manifest, { ...entry, root: '/abs/kdef' }, {}).path, path.resolve('/abs/kdef'));
  // A value of spaces made a folder named " " in the working folder.
  assert.throws(() => resolveRoot(manifest, entry, { DMLNET_KDEF_ROOT: ' ' }), (error: Error) => error.message === `DMLNET_KDEF_ROOT=" ": expected the path of kdef's folder without spaces around it, or unset for data/KDEF`);
  assert.throws(() => resolveRoot(manifest, entry, { DMLNET_KDEF_ROOT: '/copies/kdef ' }), /DMLNET_KDEF_ROOT="\/copies\/kdef ": expected/);
});

test.run();
