import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { workspaceRoot } from '@dmlnet/files';

/** The page script and everything it imports from node_modules as one browser script: the report needs no network. */
export async function bundlePage(entry: string): Promise<string> {
  if (!fs.existsSync(entry)) throw new Error(`page script ${entry} does not exist`);
  const root = workspaceRoot();
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    // The workspace's packages, wherever the page script is.
    nodePaths: [path.join(root, 'node_modules')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'eof',
    // Libraries pick their production paths (and drop their dev warnings) by this.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
