import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { embeddingStructure } from './embeddings';

const zeros = (n: number) => Array.from({ length: n }, () => new Float32Array(4));

test('a collapsed embedding (every feature 0) gets defined structure numbers, never NaN', () => {
  const s = embeddingStructure(zeros(4), { expression: ['HA', 'HA', 'SA', 'SA'], pose: ['0°', '45°', '0°', '45°'], identity: [1, 1, 2, 2] });
  // Silhouettes of coincident points are 0; with every distance 0 the 5-NN vote of point i is the majority of the
  // other three in index order: for identity, points 0 and 1 see {1, 2, 2} -> 2 (wrong), 2 and 3 see {1, 1, 2} -> 1 (wrong).
  assert.equal(s, { silhouetteByExpression: 0, silhouetteByPose: 0, poseFromNeighbours: 0, identityFromNeighbours: 0 });
});

test('a factor without labels, or with one group, has no value (null)', () => {
  const points = [Float32Array.of(0), Float32Array.of(1), Float32Array.of(10), Float32Array.of(11)];
  const s = embeddingStructure(points, { expression: ['HA', 'HA', 'HA', 'HA'], pose: [null, null, null, null], identity: [1, null, 2, 2] });
  assert.equal(s, { silhouetteByExpression: null, silhouetteByPose: null, poseFromNeighbours: null, identityFromNeighbours: null });
});

test.run();
