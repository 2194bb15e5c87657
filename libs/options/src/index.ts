export { defineCommand, fromEnvironment, option, runCommand } from './command';
export type { Command, OptionRule, OptionSpec, OptionValues } from './command';
export { flag, list, numberIn, onOff, oneOf, pathTo, readAs, readValue, reading, reject, shown, text, wholeNumber } from './values';
