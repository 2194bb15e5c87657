/** Entry of a child process that renders one shard (see generate.ts); reports each image to its parent. */
import { renderShard, type ShardTask } from './render-shard';

const task = JSON.parse(process.argv[2]) as ShardTask;
await renderShard(task, () => process.send?.(1));
