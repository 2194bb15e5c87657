/**
 * Config files and config objects (a profile, a training config, the model config, the DWA settings): each shape
 * stated once as a zod schema, from the parts below, and read by parseConfig, whose error names the file or object,
 * the field and what was expected: `profile cpu.json: training.learningRate: expected a positive number, got 0`.
 */
import { z } from 'zod';
import { suggestion } from './did-you-mean';

/** A value as its JSON file writes it, for messages: `"adam"`, `0.5`, `undefined` where it is missing. */
function asJson(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

/** zod's `error` option of a config field: the issue reads "expected <what>, got <the value as JSON>". */
export function expected(what: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => `expected ${what}, got ${asJson(issue.input)}` };
}

/** A whole number >= min (a JSON number: "3" is not one). */
export function wholeField(min: number) {
  const error = expected(`a whole number of at least ${min}`);
  return z.number(error).int(error).min(min, error);
}

/** A finite number > 0. */
export function positiveField() {
  const error = expected('a positive number');
  return z.number(error).positive(error);
}

/** True or false. */
export function booleanField() {
  return z.boolean(expected('true or false'));
}

/**
 * An object with exactly these fields: an unknown one is an issue at its own path, "not a field, expected <the
 * fields>", with a "did you mean" where one is a likely typo of it, or what `unknownField` says of it where it says
 * something (e.g. that the field belongs to another kind of entry).
 */
export function closedObject<Shape extends z.ZodRawShape>(shape: Shape, unknownField: (field: string) => string | undefined = () => undefined) {
  // "$comment"-style notes are allowed where the shape has one, but not offered as fields.
  const fields = Object.keys(shape).filter((field) => !field.startsWith('$'));
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return unknownField(issue.keys[0]) ?? `not a field${suggestion(issue.keys[0], fields)}, expected ${fields.join(', ')}`;
      return issue.code === 'invalid_type' ? `expected an object with ${fields.join(', ')}, got ${asJson(issue.input)}` : undefined;
    },
  });
}

/**
 * `value` read by `schema`, or an Error for its first issue (an unknown field before the others): `<where>: <field path>: <issue>`, the path starting
 * with `at` (the place of `value` in a larger config, e.g. ['training']); without `where`, the path leads.
 */
export function parseConfig<T>(schema: z.ZodType<T>, value: unknown, options: { where?: string; at?: readonly string[] } = {}): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // An unknown field first: a typo in a field's name also leaves that field missing, and the typo is the cause.
  const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
  const field = [...(options.at ?? []), ...issue.path.map(String), ...(issue.code === 'unrecognized_keys' ? [issue.keys[0]] : [])].join('.');
  throw new Error([options.where, field === '' ? undefined : field, issue.message].filter((part) => part !== undefined).join(': '));
}
