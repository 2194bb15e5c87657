import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { indexDataset } from './index-dataset';
import { makeTree, removeTree, shippedEntry } from './tree.fixture';

test('a missing root, a file as root, an empty folder or one without images is an error naming the entry', () => {
  const root = makeTree({ 'notes/readme.txt': 'x', 'file.JPG': '' });
  const empty = fs.mkdtempSync(`${root}-empty`);
  try {
    const kdef = shippedEntry('kdef');
    assert.throws(() => indexDataset(kdef, path.join(root, 'nope'), '$DMLNET_KDEF_ROOT'), /^kdef: root .*nope does not exist \(from \$DMLNET_KDEF_ROOT\)$/);
    assert.throws(() => indexDataset(kdef, path.join(root, 'file.JPG')), /^kdef: root .*file\.JPG is not a folder$/);
    assert.throws(() => indexDataset(kdef, empty), /^kdef: root .* holds no files$/);
    assert.throws(() => indexDataset(kdef, path.join(root, 'notes')), /^kdef: no images \(\.jpg .*\) under root/);
  } finally {
    removeTree(root);
    removeTree(empty);
  }
});

test('folders reached through a symbolic link are read', () => {
  const copy = makeTree(['AF01/AF01AFS.JPG', 'BM02/BM02HAFR.JPG']);
  const root = makeTree([]);
  try {
    fs.symlinkSync(path.join(copy, 'AF01'), path.join(root, 'AF01'));
    fs.symlinkSync(path.join(copy, 'BM02'), path.join(root, 'BM02'));
    assert.equal(indexDataset(shippedEntry('kdef'), root).samples.map((s) => s.path), ['AF01/AF01AFS.JPG', 'BM02/BM02HAFR.JPG']);
  } finally {
    removeTree(root);
    removeTree(copy);
  }
});

test.run();
