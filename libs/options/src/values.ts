/**
 * Values as users type them on a command line or in an environment variable: zod schemas that take the text (or a
 * number, from code) and give the typed value, or an issue saying what was expected and what was given.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** What was given, for messages: the text as typed, "nothing" for an empty or absent value. */
export function shown(value: unknown): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return 'nothing';
  return Array.isArray(value) ? value.map(String).join(' ') : String(value);
}

class Issue extends Error {}

/** Rejects the value being read with a message (what was expected, what was given): for `reading`. */
export function reject(message: string): never {
  throw new Issue(message);
}

/** A schema that gives `read(value)`, or an issue with the message of a `reject` inside it. */
export function reading<T>(read: (value: unknown) => T): z.ZodType<T, unknown> {
  return z.unknown().transform((value, ctx) => {
    try {
      return read(value);
    } catch (error) {
      if (!(error instanceof Issue)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });
}

/** Reads a value by another schema inside `reading`: the value it gives, or its issues rejected as one message. */
export function readAs<T>(schema: z.ZodType<T, unknown>, value: unknown): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : reject(parsed.error.issues.map((issue) => issue.message).join('; '));
}

/** A number from code, or a decimal number as typed ("1.5", "-2", ".25"); NaN for anything else ("1e3", "0x10", ""). */
function readNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
}

/** A whole number in [min, max] (unbounded above where max is not given), e.g. a seed count or a thread count. */
export function wholeNumber(range: { min: number; max?: number }): z.ZodType<number, unknown> {
  const { min, max = Infinity } = range;
  const expected = max === Infinity ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return reading((value) => {
    const n = readNumber(value);
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : reject(`expected ${expected}, got ${shown(value)}`);
  });
}

/** A number in an interval written as in mathematics: `numberIn('(', 0, 1, ']')` is one above 0 and at most 1. */
export function numberIn(open: '(' | '[', min: number, max: number, close: ')' | ']'): z.ZodType<number, unknown> {
  return reading((value) => {
    const n = readNumber(value);
    const inside = (open === '(' ? n > min : n >= min) && (close === ')' ? n < max : n <= max);
    return inside ? n : reject(`expected a number in ${open}${min}, ${max}${close}, got ${shown(value)}`);
  });
}

/** One of a fixed set of words, exactly as listed. */
export function oneOf<const T extends string>(choices: readonly T[]): z.ZodType<T, unknown> {
  return reading((value) => (choices.includes(value as T) ? (value as T) : reject(`expected one of ${choices.join(', ')}, got ${shown(value)}`)));
}

/** On or off: 1 or true, 0 or false (an environment switch such as DMLNET_DEBUG). */
export function onOff(): z.ZodType<boolean, unknown> {
  const words: Record<string, boolean> = { '1': true, true: true, '0': false, false: false };
  return reading((value) => words[String(value).trim().toLowerCase()] ?? reject(`expected 1 or true (on), 0 or false (off), got ${shown(value)}`));
}

/** A switch given on the command line: `--name` alone (or 1, true) is on, 0 or false off; default it with '0'. */
export function flag(): z.ZodType<boolean, unknown> {
  return reading((value) => (value === '' ? true : readAs(onOff(), value)));
}

/** Any text but an empty one, described as `what` (a title, a section id). */
export function text(what: string): z.ZodType<string, unknown> {
  return reading((value) => (typeof value === 'string' && value.trim() !== '' ? value : reject(`expected ${what}, got ${shown(value)}`)));
}

/**
 * A non-empty list without repeats, each entry read by `entry`: comma-separated text ("a, b,c", each entry trimmed),
 * or the values of an option that takes several (`--runs a b`), taken whole (paths may hold commas).
 */
export function list<T>(entry: z.ZodType<T, unknown>): z.ZodType<T[], unknown> {
  return reading((value) => {
    const entries = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',').map((v) => v.trim()) : [];
    if (entries.every((v) => v === '')) reject(`expected a list of one or more, got ${shown(value)}`);
    if (entries.includes('')) reject(`expected a list without empty entries, got ${shown(value)}`);
    const repeated = [...new Set(entries.filter((v, i) => entries.indexOf(v) !== i))];
    if (repeated.length > 0) reject(`expected each entry once, got ${repeated.join(', ')} more than once in ${shown(value)}`);
    return entries.map((v) => readAs(entry, v));
  });
}

/**
 * A folder or a file given as a path, made absolute from the working folder. `exists: true`: it must be there (a report
 * to serve, a program to run); false: it is made where it is not (a place for results), so only a folder where a file
 * should be, or the reverse, or a file above it that stops it being made, is rejected.
 */
export function pathTo(kind: 'folder' | 'file', options: { exists: boolean }): z.ZodType<string, unknown> {
  return reading((value) => {
    if (typeof value !== 'string' || value.trim() === '') reject(`expected a ${kind}, got ${shown(value)}`);
    const target = path.resolve(value as string);
    const stat = statOf(target);
    if (stat !== undefined) {
      return stat.isDirectory() === (kind === 'folder') ? target : reject(`expected a ${kind}, got ${value}, which is a ${kind === 'folder' ? 'file' : 'folder'}`);
    }
    if (options.exists) reject(`expected a ${kind}, got ${value}, which does not exist`);
    const blocking = fileAbove(target);
    return blocking === undefined ? target : reject(`expected a ${kind}, got ${value}, which cannot be made: ${blocking} is a file`);
  });
}

/** A path's file or folder, or undefined where there is none (also where a file stands in its way: ENOTDIR). */
function statOf(target: string): fs.Stats | undefined {
  try {
    return fs.statSync(target);
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
}

/** The nearest file among the folders above a path, if any: nothing can be made below it. */
function fileAbove(target: string): string | undefined {
  for (let above = path.dirname(target); above !== path.dirname(above); above = path.dirname(above)) {
    if (statOf(above)?.isFile()) return above;
  }
  return undefined;
}

/**
 * Reads one value by its schema, naming it in the error: `readValue('--threads', threads, 0)` throws "--threads:
 * expected a whole number from 1 to 8, got 0". For values that reach a library from code or from the environment.
 */
export function readValue<T>(name: string, schema: z.ZodType<T, unknown>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${name}: ${issue.message}`).join('; '));
  return parsed.data;
}
