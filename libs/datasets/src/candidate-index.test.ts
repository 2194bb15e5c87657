import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CandidateIndex } from './candidate-index';

// Same expression, other pose. Samples by index: expression, pose.
const EXPRESSION = ['A', 'A', 'A', 'A', 'B', 'A'];
const POSE = [0, 0, 1, 2, 1, 1];
const ORDER = [5, 0, 1, 4, 3, 2];

test('the earliest sample in the shuffled order that keeps the same label and changes the other', () => {
  const placed = new Uint8Array(EXPRESSION.length);
  const index = new CandidateIndex(EXPRESSION, POSE, ORDER, placed);
  assert.is(index.find(0), 5);
  assert.is(index.find(5), 0);
  assert.is(index.find(4), undefined, 'no other B');
});

test('placed samples are skipped, an excluded one only for that call', () => {
  const placed = new Uint8Array(EXPRESSION.length);
  const index = new CandidateIndex(EXPRESSION, POSE, ORDER, placed);
  assert.is(index.find(0, 5), 3);
  assert.is(index.find(0), 5);
  placed[5] = 1;
  assert.is(index.find(0), 3);
  placed[3] = 1;
  assert.is(index.find(0), 2);
  assert.is(index.find(0, 2), undefined);
  assert.is(index.find(2), 0, 'the pose-1 anchors have their own cursor');
});

test.run();
