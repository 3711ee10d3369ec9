import { applyModifications, isBlank, parseJsoncObject } from '../files/jsonc';
import { PROJECT_CONFIG_FILE, ProjectConfigError } from './project-config';
import { updateProjectConfigFile } from './update-file';

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

/** Adds `key` to the allow list of the project at `dir`, atomically. Returns false if it was already allowed. */
export function allowKeyInProject(dir: string, key: string): Promise<boolean> {
  return updateProjectConfigFile(dir, (text) => withAllowedKey(text, key));
}
