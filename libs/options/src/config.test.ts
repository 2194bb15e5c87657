import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { booleanField, closedObject, expected, parseConfig, positiveField, wholeField } from './config';

const schema = closedObject({
  $comment: z.string().optional(),
  steps: wholeField(1),
  rate: positiveField(),
  kind: z.enum(['a', 'b'], expected("'a' or 'b'")),
  inner: closedObject({ on: booleanField() }).nullable(),
});
const withoutRate = { steps: 3, kind: 'a', inner: { on: true } };
const good = { ...withoutRate, rate: 0.5 };

/** The message parseConfig throws for `value`. */
function messageOf(value: unknown, options: { where?: string; at?: readonly string[] } = { where: 'f.json' }): string {
  try {
    parseConfig(schema, value, options);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

test('a valid config is returned; a "$" note is allowed where the shape has one', () => {
  assert.equal(parseConfig(schema, { ...good, $comment: 'why' }), { ...good, $comment: 'why' });
  assert.equal(parseConfig(schema, { ...good, inner: null }), { ...good, inner: null });
});

test('each issue names where, the field path and what was expected, with the value as JSON', () => {
  assert.is(messageOf({ ...good, steps: 2.5 }), 'f.json: steps: expected a whole number of at least 1, got 2.5');
  assert.is(messageOf({ ...good, steps: '3' }), 'f.json: steps: expected a whole number of at least 1, got "3"');
  assert.is(messageOf({ ...good, rate: 0 }), 'f.json: rate: expected a positive number, got 0');
  assert.is(messageOf({ ...good, kind: 'c' }), `f.json: kind: expected 'a' or 'b', got "c"`);
  assert.is(messageOf({ ...good, inner: { on: 1 } }), 'f.json: inner.on: expected true or false, got 1');
  assert.is(messageOf({ ...good, inner: 'on' }), 'f.json: inner: expected an object with on, got "on"');
  assert.is(messageOf(withoutRate), 'f.json: rate: expected a positive number, got undefined');
});

test('an unknown field is named at its path with the fields expected and a "did you mean" for a likely typo', () => {
  assert.is(messageOf({ ...good, step: 3 }), 'f.json: step: not a field (did you mean "steps"?), expected steps, rate, kind, inner');
  assert.is(messageOf({ ...good, inner: { on: true, colour: 1 } }), 'f.json: inner.colour: not a field, expected on');
  // The typo first, though it also leaves `rate` missing.
  assert.is(messageOf({ ...withoutRate, rat: 1 }), 'f.json: rat: not a field (did you mean "rate"?), expected steps, rate, kind, inner');
});

test('`at` places the config in a larger one; without `where` the path leads', () => {
  assert.is(messageOf({ ...good, rate: -1 }, { at: ['training'] }), 'training.rate: expected a positive number, got -1');
  assert.is(messageOf({ ...good, rate: -1 }, { where: 'p.json', at: ['training'] }), 'p.json: training.rate: expected a positive number, got -1');
  assert.is(messageOf(7), 'f.json: expected an object with steps, rate, kind, inner, got 7');
});

test.run();
