import fs from 'node:fs';
import path from 'node:path';

/** The extensions read as images, lower case (any case on disk: KDEF ships `.JPG`). */
export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.bmp', '.tif', '.tiff', '.webp'] as const;

export interface FileListing {
  /** Every file under the root, relative to it, '/'-separated, sorted. */
  files: string[];
  /** Dot files and folders (`.DS_Store`, macOS `._AF01AFS.JPG` forks), skipped but counted. */
  hidden: number;
}

/** Lists a dataset root recursively, following symbolic links. A root that is missing or not a folder is an error. */
export function listFiles(root: string): FileListing {
  const stat = fs.statSync(root, { throwIfNoEntry: false });
  if (stat === undefined) throw new Error(`root ${root} does not exist`);
  if (!stat.isDirectory()) throw new Error(`root ${root} is not a folder`);
  const listing: FileListing = { files: [], hidden: 0 };
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) {
        listing.hidden++;
        continue;
      }
      const full = path.join(dir, entry.name);
      const relative = prefix + entry.name;
      const isDirectory = entry.isSymbolicLink() ? fs.statSync(full, { throwIfNoEntry: false })?.isDirectory() : entry.isDirectory();
      if (isDirectory) walk(full, `${relative}/`);
      else listing.files.push(relative);
    }
  };
  walk(root, '');
  listing.files.sort();
  return listing;
}

export function isImage(file: string): boolean {
  return (IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

/** The file name without folders or extension: `AF01/AF01AFS.JPG` -> `AF01AFS`. */
export function stem(file: string): string {
  return path.posix.basename(file, path.posix.extname(file));
}
