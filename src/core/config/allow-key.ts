import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { applyModifications, isBlank, parseJsoncObject } from '../ai-ignore/jsonc-edit';
import { realPathInside, writeProjectFile } from '../files/project-files';
import { describeFsError, errorCode } from '../files/fs-errors';
import { PROJECT_CONFIG_FILE, ProjectConfigError } from './project-config';

/**
 * `.envguard.json` with `key` added to `allowKeys` ("not a secret"), or undefined when it is
 * already there. Comments, order and formatting of the rest of the file are kept.
 */
export function withAllowedKey(text: string | undefined, key: string): string | undefined {
  if (text === undefined || isBlank(text)) return `${JSON.stringify({ allowKeys: [key] }, null, 2)}\n`;
  const parsed = parseJsoncObject(text);
  if (!parsed.ok) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE} is not changed: ${parsed.reason}`);
  const current = parsed.value.allowKeys;
  if (current !== undefined && !(Array.isArray(current) && current.every((k) => typeof k === 'string'))) {
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "allowKeys" must be a list of strings`);
  }
  if (current?.includes(key)) return undefined;
  return current === undefined
    ? applyModifications(text, [{ path: ['allowKeys'], value: [key] }])
    : applyModifications(text, [{ path: ['allowKeys', -1], value: key, insert: true }]);
}

/**
 * Adds `key` to the allow list of the project at `dir`, atomically. Returns false if it was already
 * allowed. A `.envguard.json` that links out of the project is refused (OutsideProjectError).
 */
export async function allowKeyInProject(dir: string, key: string): Promise<boolean> {
  const file = realPathInside(dir, path.join(dir, PROJECT_CONFIG_FILE), PROJECT_CONFIG_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw new ProjectConfigError(`${PROJECT_CONFIG_FILE} cannot be read: ${describeFsError(error)}`);
  }
  const next = withAllowedKey(text, key);
  if (next === undefined) return false;
  await writeProjectFile(dir, file, next, { label: PROJECT_CONFIG_FILE });
  return true;
}
