import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as datasets from './index';

test('the index exports nothing of the synthetic face generator, only the index file name its adapter reads', () => {
  const names = Object.keys(datasets);
  assert.equal(names.filter((name) => /synthetic|probe/i.test(name)), ['SYNTHETIC_INDEX']);
  for (const internal of ['renderFace', 'faceGeometry', 'REGION', 'planImages', 'renderPlannedImage', 'renderContactSheet', 'ensureSyntheticDataset', 'ACTION_UNIT_NAMES']) {
    assert.not.ok(names.includes(internal), internal);
  }
});

test.run();
