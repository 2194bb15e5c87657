import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadImages } from './load-images';
import { tempDir } from './test-images.fixture';
import { workspaceRoot } from '@dmlnet/files';

test('the decode cache defaults to .cache/decoded/ under the workspace root (nothing is written for no samples)', async () => {
  const loaded = await loadImages(tempDir('default'), [], { size: 8 });
  assert.is(path.dirname(loaded.cacheFile as string), path.join(workspaceRoot(), '.cache', 'decoded'));
});

test.run();
