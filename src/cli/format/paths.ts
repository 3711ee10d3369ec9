import * as path from 'node:path';

/** A path as the CLI prints it: relative to the working directory, `/`-separated. */
export function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute) || path.basename(absolute);
  return relative.split(path.sep).join('/');
}
