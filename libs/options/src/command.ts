/**
 * A command's options stated once: each one's schema (what it takes, checked by zod, its type inferred), its help
 * text and the default as a user would type it. yargs parses the command line and writes --help; the schemas read
 * every value, so a bad one is an error naming the option and what it expects, before the command does anything.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { z } from 'zod';
import { onOff, readValue } from './values';

/** One option: what it takes and how --help shows it. */
export interface OptionSpec<T> {
  schema: z.ZodType<T, unknown>;
  describe: string;
  /** As typed on the command line; read by the schema as a typed value would be, and shown by --help. */
  default?: string;
  /** Takes several values: `--runs a b c`. */
  array?: boolean;
  /** The command cannot run without it. */
  required?: boolean;
  /** Left out of --help (an option the command gives itself). */
  hidden?: boolean;
}

type SpecFields = Omit<OptionSpec<unknown>, 'schema'>;

/** An option whose value is always there: it has a default or is required. */
export function option<T>(schema: z.ZodType<T, unknown>, spec: SpecFields & ({ default: string } | { required: true })): OptionSpec<T>;
/** An option that may be left out: undefined then. */
export function option<T>(schema: z.ZodType<T, unknown>, spec: SpecFields): OptionSpec<T | undefined>;
export function option<T>(schema: z.ZodType<T, unknown>, spec: SpecFields): OptionSpec<T | undefined> {
  return { ...spec, schema: spec.default !== undefined || spec.required ? schema : schema.optional() };
}

/** The options a command was given, typed by their specs. */
export type OptionValues<Specs extends Record<string, OptionSpec<unknown>>> = { [K in keyof Specs]: Specs[K] extends OptionSpec<infer T> ? T : never };

export interface Command<Values> {
  name: string;
  /** Reads a command line (without node and the script): the values, or an error naming the option at fault. */
  parse(args: readonly string[]): Values;
}

/**
 * A rule between options that each read well alone, e.g. two that must differ: the message naming the options where
 * `values` break it, else undefined.
 */
export type OptionRule<Values> = (values: Values) => string | undefined;

/**
 * A command and its options, e.g. `defineCommand('ablation:run', { seeds: option(wholeNumber({ min: 1 }), {...}) })`,
 * and the rules between them. `parse` throws one line of every problem: each bad value (all of them where an option is
 * given several times, though the last one counts) after its option's name (not for a default, whose reader names
 * its file), then each rule broken once the values read well.
 */
export function defineCommand<Specs extends Record<string, OptionSpec<unknown>>>(
  name: string,
  specs: Specs,
  rules: readonly OptionRule<OptionValues<Specs>>[] = [],
): Command<OptionValues<Specs>> {
  return {
    name,
    parse(args) {
      let parser = yargs([...args])
        .scriptName(name)
        // Every value given reaches its schema (a repeat would hide a typo before it), one list per time given.
        .parserConfiguration({ 'duplicate-arguments-array': true, 'flatten-duplicate-arrays': false })
        .strict()
        .fail((message: string | undefined, error: Error | undefined) => {
          throw new Error(`${message ?? error?.message} (see --help)`);
        });
      for (const [key, spec] of Object.entries(specs)) {
        // Every value reaches its schema as typed: yargs neither converts nor defaults it (--help shows the default).
        parser = parser.option(key, {
          type: spec.array ? 'array' : 'string',
          string: true,
          describe: spec.describe,
          defaultDescription: spec.default,
          demandOption: spec.required,
          hidden: spec.hidden,
        });
      }
      const argv = parser.parseSync() as Record<string, unknown>;
      const values: Record<string, unknown> = {};
      const problems: string[] = [];
      for (const [key, spec] of Object.entries(specs)) {
        const given = timesGiven(argv[key], spec.array ?? false);
        const typed = given.length > 0 ? given : [spec.default];
        typed.forEach((value, i) => {
          const parsed = spec.schema.safeParse(value);
          // The last value is the one that counts; an earlier one is named by its place, as the user may not see it.
          const which = i < typed.length - 1 ? ` (value ${i + 1} of ${typed.length} given; the last one counts)` : '';
          // A default that fails is a file the option names by default (the sweep): its reader names the file and
          // the field, and "--sweep:" would blame an option the user never gave.
          const place = given.length > 0 ? `--${key}${which}: ` : '';
          if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${place}${issue.message}`));
          // A target's own arguments come first (project.json); ones given after `--` replace them.
          else if (i === typed.length - 1) values[key] = parsed.data;
        });
      }
      if (problems.length === 0) problems.push(...rules.flatMap((rule) => rule(values as OptionValues<Specs>) ?? []));
      if (problems.length > 0) throw new Error(problems.join('; '));
      return values as OptionValues<Specs>;
    },
  };
}

/**
 * An option's values as yargs gives them, one per time the option was given: a string or a list of them per time
 * (an option taking several values), a list of those where it was given more than once; none where it was left out.
 */
function timesGiven(value: unknown, array: boolean): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [value];
  if (!array) return value;
  return value.length > 0 && value.every(Array.isArray) ? value : [value];
}

/**
 * An environment variable read by its schema: undefined where it is unset or empty, an error naming it where its value
 * cannot be used (`DMLNET_THREADS: expected a whole number from 1 to 8, got 0`).
 */
export function fromEnvironment<T>(variable: string, schema: z.ZodType<T, unknown>, env: NodeJS.ProcessEnv = process.env): T | undefined {
  const value = env[variable];
  return value === undefined || value === '' ? undefined : readValue(variable, schema, value);
}

/**
 * Runs a command: reads its options, then `main` with them. An error, a bad option among them, prints one line (the
 * command, the message, no stack unless DMLNET_DEBUG is on) and exits 1; success exits 0, whatever is left running.
 */
export function runCommand<Values>(command: Command<Values>, main: (options: Values) => Promise<void>, args: readonly string[] = hideBin(process.argv)): void {
  let debug = false;
  new Promise<void>((resolve) => {
    debug = fromEnvironment('DMLNET_DEBUG', onOff()) ?? false;
    resolve(main(command.parse(args)));
  }).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
      if (debug) process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
}
