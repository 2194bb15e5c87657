import fs from 'node:fs';

/** A JSON file's content; a missing or broken file is an error that names it. */
export function readJsonFile<T>(file: string): T {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Every record of a JSON-lines file; a broken line is an error that names the file and the line. */
export function readJsonLines<T>(file: string): T[] {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      try {
        return [JSON.parse(line) as T];
      } catch (error) {
        throw new Error(`${file}, line ${i + 1}, is not valid JSON: ${(error as Error).message}`);
      }
    });
}
