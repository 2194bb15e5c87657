export { defineCommand, fromEnvironment, option, runCommand } from './command';
export type { Command, OptionRule, OptionSpec, OptionValues } from './command';
export { flag, list, numberIn, onOff, oneOf, pathTo, readAs, readValue, reading, reject, shown, text, wholeNumber } from './values';
export { booleanField, closedObject, expected, parseConfig, positiveField, wholeField } from './config';
export { suggestion } from './did-you-mean';
export { readJsonFile } from './json-file';
