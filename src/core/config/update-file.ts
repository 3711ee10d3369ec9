import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describeFsError, errorCode } from '../files/fs-errors';
import { OutsideProjectError, realPathInside, writeProjectFile } from '../files/project-files';
import { PROJECT_CONFIG_FILE, ProjectConfigError } from './project-config';

/**
 * Changes the `.envguard.json` of `dir` (created if need be): `edit` gets its text (undefined when there
 * is none) and returns the new text, or undefined for no change. Written atomically, and never through
 * a link that leads out of the project (OutsideProjectError). Returns whether it changed.
 */
export async function updateProjectConfigFile(dir: string, edit: (text: string | undefined) => string | undefined): Promise<boolean> {
  const file = realPathInside(dir, path.join(dir, PROJECT_CONFIG_FILE), PROJECT_CONFIG_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw new ProjectConfigError(`${file} cannot be read: ${describeFsError(error)}`);
  }
  const next = edit(text);
  if (next === undefined) return false;
  try {
    await writeProjectFile(dir, file, next, { label: PROJECT_CONFIG_FILE });
  } catch (error) {
    if (error instanceof OutsideProjectError) throw error;
    throw new ProjectConfigError(`${file} cannot be written: ${describeFsError(error)}`);
  }
  return true;
}
