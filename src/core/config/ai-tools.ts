import { AI_TOOL_IDS, type AiToolId } from '../ai-ignore/tools';
import { applyModifications, isBlank, parseJsoncObject } from '../files/jsonc';
import { PROJECT_CONFIG_FILE, ProjectConfigError } from './project-config';
import { updateProjectConfigFile } from './update-file';

/**
 * `.envguard.json` with `"aiTools"` set to `tools` (in the table's order, no repeats), or undefined
 * when it already says exactly that. Comments, order and formatting of the rest are kept.
 */
export function withAiTools(text: string | undefined, tools: readonly AiToolId[]): string | undefined {
  const list = AI_TOOL_IDS.filter((id) => tools.includes(id));
  if (text === undefined || isBlank(text)) return `${JSON.stringify({ aiTools: list }, null, 2)}\n`;
  const parsed = parseJsoncObject(text);
  if (!parsed.ok) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE} is not changed: ${parsed.reason}`);
  if (JSON.stringify(parsed.value.aiTools) === JSON.stringify(list)) return undefined;
  return applyModifications(text, [{ path: ['aiTools'], value: list }]);
}

/** Keeps the project's choice of AI tools in the `.envguard.json` of `dir`, atomically. Returns whether it changed. */
export function saveAiToolChoice(dir: string, tools: readonly AiToolId[]): Promise<boolean> {
  return updateProjectConfigFile(dir, (text) => withAiTools(text, tools));
}
