import { writeImageFile } from './image-file';
import { planImages } from './plan';
import { syntheticPreset } from './presets';

/** One process's share of a generation: every `shards`-th image starting at `shard`. Plain data, sent to a child. */
export interface ShardTask {
  preset: string;
  subjects: number;
  /** As the options gave it; absent: the preset's proportion. */
  trainSubjects?: number;
  seed: string;
  size: number;
  root: string;
  shard: number;
  shards: number;
}

/** What a shard's process tells its parent: an image is written, or the error that stopped it. */
export type ShardMessage = 'image' | { error: string };

/** PNG encodes and writes in flight while the next image renders. */
const IN_FLIGHT = 4;

/** Renders and writes the shard's images, calling `onImage` after each; the plan is rebuilt here (it is cheap). */
export async function renderShard(task: ShardTask, onImage: () => void): Promise<void> {
  const images = planImages(syntheticPreset(task.preset), task.subjects, task.seed, task.trainSubjects);
  const pending = new Set<Promise<void>>();
  try {
    for (let i = task.shard; i < images.length; i += task.shards) {
      const write = writeImageFile(images[i], task.root, task.size).then(() => {
        pending.delete(write);
        onImage();
      });
      pending.add(write);
      if (pending.size >= IN_FLIGHT) await Promise.race(pending);
    }
    await Promise.all(pending);
  } catch (error) {
    // The writes still in flight fail the same way (a full disk): the first error is the one to report.
    await Promise.allSettled(pending);
    throw error;
  }
}
