/** Temporary dataset trees for the adapter tests: real file names, empty contents unless given (adapters read names). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadManifest } from './manifest';
import type { ManifestEntry } from './manifest-entry';

/** Creates the files (relative paths, or path -> contents) under a fresh temporary folder and returns it. */
export function makeTree(files: readonly string[] | Record<string, string | Uint8Array>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-adapters-'));
  const entries = Array.isArray(files) ? files.map((f) => [f, ''] as const) : Object.entries(files);
  for (const [file, contents] of entries) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), contents);
  }
  return root;
}

export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** The workspace manifest's entry, with some fields replaced: tests read the shipped conventions. */
export function shippedEntry(name: string, changes: Partial<ManifestEntry> = {}): ManifestEntry {
  return { ...loadManifest().datasets[name], ...changes };
}

