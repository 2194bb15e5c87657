// Child process of command.test.ts: a command that prints its count, or fails when asked.
import { defineCommand, option, runCommand } from './command';
import { oneOf, wholeNumber } from './values';

const command = defineCommand('fixture', {
  count: option(wholeNumber({ min: 0 }), { required: true, describe: 'a count' }),
  fail: option(oneOf(['', 'true']), { describe: 'fail with an error' }),
});

runCommand(command, async ({ count, fail }) => {
  if (fail !== undefined) throw new Error('asked to fail');
  process.stdout.write(`count ${count}\n`);
});
