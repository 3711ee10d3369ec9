import { PROJECT_CONFIG_FILE, ProjectConfigError } from '../config/project-config';
import { updateProjectConfigFile } from '../config/update-file';
import { applyModifications, isBlank, isJsonObject, parseJsoncObject } from '../files/jsonc';

/** `.envguard.json` with `"project"` set to `name`, or undefined when it says so already. Comments and layout are kept. */
export function withProjectName(text: string | undefined, name: string): string | undefined {
  if (text === undefined || isBlank(text)) return `${JSON.stringify({ project: name }, null, 2)}\n`;
  const parsed = parseJsoncObject(text);
  if (!parsed.ok) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE} is not changed: ${parsed.reason}`);
  if (parsed.value.project === name) return undefined;
  return applyModifications(text, [{ path: ['project'], value: name }]);
}

/** Records the project's name in the `.envguard.json` of its folder (created if need be), atomically. */
export function recordProjectName(root: string, name: string): Promise<boolean> {
  return updateProjectConfigFile(root, (text) => withProjectName(text, name));
}

/**
 * `.envguard.json` with `project` added to (or removed from) the projects `secret` is shared with, or
 * undefined when nothing changes.
 */
export function withShare(text: string | undefined, secret: string, project: string, share: boolean): string | undefined {
  const parsed = text === undefined || isBlank(text) ? { ok: true as const, value: {} } : parseJsoncObject(text);
  if (!parsed.ok) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE} is not changed: ${parsed.reason}`);
  const current = isJsonObject(parsed.value.share) ? parsed.value.share : undefined;
  const list = current && Array.isArray(current[secret]) ? (current[secret] as unknown[]).filter((p): p is string => typeof p === 'string') : [];
  if (share === list.includes(project)) return undefined;
  const next = share ? [...list, project] : list.filter((p) => p !== project);
  const base = text === undefined || isBlank(text) ? '{}\n' : text;
  return applyModifications(base, [{ path: ['share', secret], value: next.length > 0 ? next : undefined }]);
}

/** Shares (or stops sharing) secrets of the project at `root` with another project of this machine. */
export function updateShare(root: string, secrets: readonly string[], project: string, share: boolean): Promise<boolean> {
  return updateProjectConfigFile(root, (text) => {
    let next = text;
    let changed = false;
    for (const secret of secrets) {
      const edited = withShare(next, secret, project, share);
      if (edited !== undefined) {
        next = edited;
        changed = true;
      }
    }
    return changed ? next : undefined;
  });
}
