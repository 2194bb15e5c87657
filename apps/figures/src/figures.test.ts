// End to end: both figure commands killed (SIGKILL) while publishing, then resumed, as a user would, with the smoke profile.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import { killWhilePublishingAndResume } from '@dmlnet/experiments/testing';

const main = (name: string) => fileURLToPath(new URL(`./${name}.ts`, import.meta.url));

test('figures:embeddings resumed after a kill rebuilds the same UMAP maps, structure numbers and Fig. 14 from its models', () => {
  const { dir } = killWhilePublishingAndResume(main('embeddings'), { name: 'embeddings-kill', experiment: 'embeddings', args: ['--dataset', 'synthetic-kdef'], timeoutMs: 900_000 });
  fs.rmSync(dir, { recursive: true, force: true });
});

test("figures:loss-curves resumed after a kill reads the same curves from its arms' metrics", () => {
  const { dir } = killWhilePublishingAndResume(main('loss-curves'), { name: 'loss-curves-kill', experiment: 'loss-curves', args: ['--datasets', 'synthetic-kdef'], timeoutMs: 600_000 });
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();
