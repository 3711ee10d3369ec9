/**
 * What each AI tool's controls cover in a project, for `envguard protect --check`: computed from the
 * files' current text (the same plan as the writes), the user's own Claude Code and Codex settings
 * (read, never written) and whether `envguard` is on the PATH the hooks run with. Pure: the disk is
 * read by the caller (apply.ts).
 */
import { claudeSandboxEnabled, CLAUDE_LOCAL_SETTINGS_PATH, CLAUDE_SETTINGS_PATH } from './claude-settings';
import { CODEX_CONFIG_PATH, parseToml } from './codex-config';
import { JsonSettingsEdit } from './json-edit';
import { planFile, type CurrentFiles } from './plan';
import { AI_TOOLS, chosenTools, type AiToolId } from './tools';
import { TERMINAL_APPROVAL_RULES, TERMINAL_AUTO_APPROVE_SETTING, VSCODE_SETTINGS_PATH } from './vscode-settings';

/**
 * protected: every control the tool documents is in place; partial: some are, or the tool's
 * controls leave a way around (named in the notes); not-protected: none is written yet;
 * honours-nothing: the tool documents no control, so only values that are not on disk are safe;
 * unknown: a file could not be read or parsed; not-chosen: the project chose other tools
 * (`.envguard.json` "aiTools"), so nothing is written or checked for this one.
 */
export type ProtectionLevel = 'protected' | 'partial' | 'not-protected' | 'honours-nothing' | 'unknown' | 'not-chosen';

export interface ToolStatus {
  /** The tool's id (one tool may have several rows: Copilot in VS Code, and its agents). */
  readonly id: AiToolId;
  readonly tool: string;
  readonly level: ProtectionLevel;
  readonly notes: readonly string[];
}

export interface StatusInputs {
  /** The project's managed files (and `.claude/settings.local.json`) by relative path. */
  readonly files: CurrentFiles;
  /** `~/.claude/settings.json`, when it exists. */
  readonly userClaudeSettings?: string | undefined;
  /** `$CODEX_HOME/config.toml` (default `~/.codex/config.toml`), when it exists. */
  readonly userCodexConfig?: string | undefined;
  /** Paths that could not be read (reported as unknown). */
  readonly unreadable: ReadonlySet<string>;
  /** Whether an `envguard` executable is on the PATH. */
  readonly envguardOnPath: boolean;
}

type FileState = 'current' | 'outdated' | 'broken';

function stateOf(inputs: StatusInputs, path: string): FileState {
  if (inputs.unreadable.has(path)) return 'broken';
  const change = planFile(path, inputs.files[path]);
  if (change.action === 'error') return 'broken';
  return change.action === 'unchanged' && inputs.files[path] !== undefined ? 'current' : 'outdated';
}

const NOT_ON_PATH = "its hooks run 'envguard hook', and envguard is not on the PATH: install the CLI where the tool can find it";
const IGNORE_ONLY = 'ignore file only: env files are kept out of indexing and context, not out of a shell command';
const VALUES_OFF_DISK = 'values must not be on disk (envguard migrate)';

const NOT_CHOSEN = 'not chosen for this project (.envguard.json "aiTools"): nothing is written or checked for it';

/**
 * One status per tool, in the order of the table of tools; a tool not in `choice` (undefined: every
 * tool is chosen) is reported as not chosen, which is no failure.
 */
export function toolStatuses(inputs: StatusInputs, choice?: readonly AiToolId[]): ToolStatus[] {
  const chosen = chosenTools(choice);
  return allToolStatuses(inputs).map((status) => (chosen.has(status.id) ? status : { id: status.id, tool: status.tool, level: 'not-chosen', notes: [NOT_CHOSEN] }));
}

function allToolStatuses(inputs: StatusInputs): ToolStatus[] {
  const statuses: ToolStatus[] = [];
  const hooked = (id: AiToolId, tool: string, ignoreFile: string, hookFile: string): void => {
    statuses.push(combine(id, tool, [stateOf(inputs, ignoreFile), stateOf(inputs, hookFile)], inputs.envguardOnPath ? [] : [NOT_ON_PATH], stateOf(inputs, hookFile) === 'current' ? [] : ['no hook: shell commands are not checked']));
  };
  statuses.push(claudeStatus(inputs));
  statuses.push(codexStatus(inputs));
  hooked('cursor', 'Cursor', '.cursorignore', '.cursor/hooks.json');
  hooked('windsurf', 'Windsurf', '.codeiumignore', '.windsurf/hooks.json');
  hooked('gemini-cli', 'Gemini CLI', '.geminiignore', '.gemini/settings.json');
  statuses.push(combine('zed', 'Zed', [stateOf(inputs, '.zed/settings.json')], [], []));
  statuses.push(vscodeStatus(inputs));
  statuses.push({ id: 'copilot', tool: 'GitHub Copilot agent mode, CLI and coding agent', level: 'honours-nothing', notes: [`content exclusion is an organisation setting these do not honour: ${VALUES_OFF_DISK}`] });
  const covered = new Set(['.cursorignore', '.codeiumignore', '.geminiignore']);
  for (const tool of AI_TOOLS.filter((candidate) => candidate.format.kind === 'ignore-file' && !covered.has(candidate.path))) {
    const state = stateOf(inputs, tool.path);
    statuses.push(state === 'current' ? { id: tool.tool, tool: tool.name, level: 'partial', notes: [IGNORE_ONLY] } : combine(tool.tool, tool.name, [state], [], []));
  }
  return statuses;
}

/** Every file current: protected (or partial with `gaps`); some: partial; none: not-protected; a broken one: unknown. */
function combine(id: AiToolId, tool: string, states: readonly FileState[], gaps: readonly string[], missing: readonly string[]): ToolStatus {
  if (states.includes('broken')) return { id, tool, level: 'unknown', notes: ['a file of its settings could not be read or parsed (see above)'] };
  const current = states.filter((state) => state === 'current').length;
  if (current === 0) return { id, tool, level: 'not-protected', notes: ["run 'envguard protect'"] };
  if (current < states.length) return { id, tool, level: 'partial', notes: [...missing, "run 'envguard protect'"] };
  return { id, tool, level: gaps.length > 0 ? 'partial' : 'protected', notes: gaps };
}

function claudeStatus(inputs: StatusInputs): ToolStatus {
  const status = combine('claude-code', 'Claude Code', [stateOf(inputs, CLAUDE_SETTINGS_PATH)], [], []);
  if (status.level !== 'protected') return status;
  const sandbox = claudeSandboxEnabled([inputs.files[CLAUDE_LOCAL_SETTINGS_PATH], inputs.files[CLAUDE_SETTINGS_PATH], inputs.userClaudeSettings]);
  const notes: string[] = [];
  if (sandbox === true) notes.push('sandbox on: Bash commands and their child processes cannot read env files or the vault');
  else if (sandbox === 'unknown') notes.push('sandbox: unknown (a settings file could not be parsed)');
  else notes.push("sandbox off: a script the agent runs can still open env files; 'envguard protect --enable-sandbox' turns it on");
  if (!inputs.envguardOnPath) notes.push(NOT_ON_PATH);
  return { id: 'claude-code', tool: 'Claude Code', level: sandbox === true && inputs.envguardOnPath ? 'protected' : 'partial', notes };
}

function codexStatus(inputs: StatusInputs): ToolStatus {
  const status = combine('codex', 'Codex', [stateOf(inputs, CODEX_CONFIG_PATH)], [], []);
  if (status.level !== 'protected') return status;
  const notes = ['applies when the project is trusted in Codex (project config is ignored otherwise)'];
  const user = inputs.userCodexConfig === undefined ? undefined : parseToml(inputs.userCodexConfig);
  if (user?.ok === true && user.value['sandbox_mode'] !== undefined) {
    notes.push('~/.codex/config.toml sets sandbox_mode, which Codex uses instead of permission profiles: env files stay readable');
    return { id: 'codex', tool: 'Codex', level: 'partial', notes };
  }
  return { id: 'codex', tool: 'Codex', level: 'protected', notes };
}

function vscodeStatus(inputs: StatusInputs): ToolStatus {
  const tool = "VS Code's chat and Copilot";
  const status = combine('copilot', tool, [stateOf(inputs, VSCODE_SETTINGS_PATH)], [], []);
  if (status.level !== 'protected') return status;
  const notes = [`the open editor is attached as implicit context and AI actions are offered on diagnostics; no setting limits these per file: ${VALUES_OFF_DISK}`];
  const settings = new JsonSettingsEdit(inputs.files[VSCODE_SETTINGS_PATH]);
  const overridden = Object.entries(TERMINAL_APPROVAL_RULES).filter(([rule, value]) => {
    const found = settings.lookup([TERMINAL_AUTO_APPROVE_SETTING, rule]);
    return found.ok && JSON.stringify(found.value) !== JSON.stringify(value);
  });
  if (overridden.length > 0) notes.push(`your own ${TERMINAL_AUTO_APPROVE_SETTING} rules for ${overridden.map(([rule]) => rule).join(', ')} are kept, and may auto-approve what EnvGuard's would not`);
  return { id: 'copilot', tool, level: 'partial', notes };
}
