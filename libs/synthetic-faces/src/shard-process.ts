/** Entry of a child process that renders one shard (see generate.ts); reports each image to its parent. */
import { renderShard, type ShardMessage, type ShardTask } from './render-shard';

const task = JSON.parse(process.argv[2]) as ShardTask;
// A parent that died (killed, or failed) leaves nobody to finish the set: stop rather than write into a folder
// that the next generation empties and fills again.
process.on('disconnect', () => process.exit(1));
// Listening for it holds the channel open; this process still ends when its shard is done.
process.channel?.unref();
const send = (message: ShardMessage) => process.send?.(message, (error: Error | null) => error && process.exit(1));
try {
  await renderShard(task, () => send('image'));
} catch (error) {
  // The parent reports it, once, for the whole generation.
  send({ error: (error as Error).message });
  process.exitCode = 1;
}
