import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPRESSION_CODES, type ExpressionCode } from '../sample';
import { ADAPTERS } from './adapters';
import { ADAPTER_NAMES, type AdapterName, type ManifestEntry } from './manifest-entry';
import { z } from 'zod';
import { closedObject, expected, parseConfig, readJsonFile, reading, reject, suggestion, wholeField } from '@dmlnet/options';

export interface Manifest {
  file: string;
  /** The folder that relative roots are resolved from: the manifest's own. */
  workspaceRoot: string;
  datasets: Record<string, ManifestEntry>;
}

/** The workspace's datasets.manifest.json. */
export const DEFAULT_MANIFEST = fileURLToPath(new URL('../../../../datasets.manifest.json', import.meta.url));

/** Reads and checks a manifest file; every error names the file, the entry and the field. */
export function loadManifest(file = DEFAULT_MANIFEST): Manifest {
  return parseManifest(readJsonFile(file, file), file);
}

/** Checks a parsed manifest (manifestSchema); `file` names it in errors and its folder is the workspace root. */
export function parseManifest(json: unknown, file: string): Manifest {
  parseConfig(manifestSchema, json, { where: file });
  // The entries as the file gives them (their fields in its order), without notes, named and with the default filled in.
  const datasets: Record<string, ManifestEntry> = {};
  for (const [name, raw] of Object.entries(withoutNotes((json as { datasets: object }).datasets))) {
    const entry = withoutNotes(raw) as Omit<ManifestEntry, 'name'>;
    datasets[name] = { ...entry, name, unknownPose: entry.unknownPose ?? 'keep' };
  }
  return { file, workspaceRoot: path.dirname(path.resolve(file)), datasets };
}

/** The entry called `name`, or an error listing the known ones. */
export function manifestEntry(manifest: Manifest, name: string): ManifestEntry {
  const entry = manifest.datasets[name];
  const names = Object.keys(manifest.datasets);
  if (entry === undefined) throw new Error(`${manifest.file}: no dataset "${name}"${suggestion(name, names)}; known: ${names.join(', ')}`);
  return entry;
}

export interface ResolvedRoot {
  path: string;
  /** Where the path came from, for messages: the environment variable or the manifest. */
  source: string;
}

/**
 * The entry's root: its environment variable if set and not empty, else the manifest's path from the workspace root.
 * Throws on a value with spaces around it (`' '` made a folder named " "), naming the variable.
 */
export function resolveRoot(manifest: Manifest, entry: ManifestEntry, env: NodeJS.ProcessEnv = process.env): ResolvedRoot {
  const fromEnv = entry.rootEnv === undefined ? undefined : env[entry.rootEnv];
  if (fromEnv !== undefined && fromEnv !== fromEnv.trim()) {
    throw new Error(`${entry.rootEnv}=${JSON.stringify(fromEnv)}: expected the path of ${entry.name}'s folder without spaces around it, or unset for ${entry.root}`);
  }
  if (fromEnv !== undefined && fromEnv !== '') return { path: path.resolve(fromEnv), source: `$${entry.rootEnv}` };
  const setIt = entry.rootEnv === undefined ? '' : `; set ${entry.rootEnv} to use another`;
  return { path: path.resolve(manifest.workspaceRoot, entry.root), source: `datasets.${entry.name}.root in ${manifest.file}${setIt}` };
}

/** An object without its "$"-keyed notes (JSON has no comments); anything else as it is. */
function withoutNotes(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value as Record<string, unknown>;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('$')));
}

/** `schema` read after the notes are dropped. */
const noted = <T extends z.ZodType>(schema: T) => z.preprocess(withoutNotes, schema);

const SPLIT_SCHEMAS = {
  subject: closedObject({ by: z.literal('subject'), seed: wholeField(0), trainValSubjects: wholeField(1), testSubjects: wholeField(1) }),
  folder: closedObject({ by: z.literal('folder'), train: z.string(expected('a folder name')).min(1, expected('a folder name')), test: z.string(expected('a folder name')).min(1, expected('a folder name')) }).refine(
    (split) => split.train !== split.test,
    'train and test name the same folder',
  ),
  index: closedObject({ by: z.literal('index') }),
};

/** The splits an adapter allows: "by" first (its message names the adapter), then that kind's fields. */
function splitSchema(adapter: AdapterName) {
  const allowed = ADAPTERS[adapter].splits;
  const kinds = allowed.map((kind) => `"${kind}"`).join(' or ');
  const by = z.object({ by: z.enum(allowed, expected(`${kinds} for the ${adapter} adapter`)) }, { error: (issue) => (issue.input === undefined ? `missing; expected { "by": ${kinds}, ... }` : 'expected an object') });
  return noted(by.loose().pipe(z.union(allowed.map((kind) => SPLIT_SCHEMAS[kind]))));
}

/** One entry of an adapter: the fields every entry has, the adapter's own settings (checked by the adapter), its splits. */
function entrySchema(adapter: AdapterName) {
  const settings = ADAPTERS[adapter].settings;
  const own = Object.fromEntries(Object.entries(settings).map(([key, check]) => [key, reading((value) => (check(value, reject), value)).optional()]));
  const elsewhere = (field: string) => {
    const owner = ADAPTER_NAMES.find((other) => field in ADAPTERS[other].settings);
    return owner === undefined ? undefined : `not a setting of the ${adapter} adapter (it is one of ${owner}'s)`;
  };
  const list = (what: string) => expected(`a non-empty list of ${what}`);
  return closedObject(
    {
      adapter: z.literal(adapter),
      root: z.string({ error: (issue) => (issue.input === undefined ? 'missing' : 'expected a non-empty path') }).min(1, 'expected a non-empty path'),
      rootEnv: z.string(expected('an environment variable name')).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, expected('an environment variable name')).optional(),
      expressions: z
        .array(z.string(unknownCode).refine((code) => EXPRESSION_CODES.includes(code as ExpressionCode), unknownCode), list('expression codes'))
        .min(1, list('expression codes'))
        .optional(),
      poses: z.array(z.number(expected('yaw degrees')), list('yaw degrees')).min(1, list('yaw degrees')).optional(),
      unknownPose: z.enum(['keep', 'exclude'], expected('"keep" or "exclude"')).optional(),
      split: splitSchema(adapter),
      paper: noted(closedObject({ trainValImages: wholeField(0), testImages: wholeField(0) })).optional(),
      ...own,
    },
    elsewhere,
  );
}

const unknownCode = {
  error: (issue: { input?: unknown }) =>
    `unknown code ${JSON.stringify(issue.input)}${suggestion(String(issue.input), EXPRESSION_CODES)}; the canonical codes are ${EXPRESSION_CODES.join(', ')}`,
};

const adapterSchema = z.enum(ADAPTER_NAMES, {
  error: (issue) =>
    issue.input === undefined
      ? `missing; expected one of ${ADAPTER_NAMES.join(', ')}`
      : `unknown adapter ${JSON.stringify(issue.input)}${suggestion(String(issue.input), ADAPTER_NAMES)}; expected one of ${ADAPTER_NAMES.join(', ')}`,
});

/** An entry: its adapter first (which decides its other fields), then the fields of that adapter's entries. */
const manifestEntrySchema = noted(
  z
    .object({ adapter: adapterSchema }, expected('an object'))
    .loose()
    .pipe(z.discriminatedUnion('adapter', ADAPTER_NAMES.map(entrySchema) as [ReturnType<typeof entrySchema>, ...ReturnType<typeof entrySchema>[]])),
);

/** datasets.manifest.json; the fields are documented in libs/datasets/src/adapters/README.md. */
const manifestSchema = noted(closedObject({ datasets: noted(z.record(z.string(), manifestEntrySchema, expected('an object of dataset entries'))) }));
