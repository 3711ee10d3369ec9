/**
 * Every AI tool EnvGuard configures, the file it reads, and what that file can express.
 * Adding a tool is one row here; plan.ts derives everything else from this table, and status.ts
 * says, per tool, what the written controls cover.
 */

/** How a file is written. */
export type FileFormat =
  /**
   * Line-based, gitignore syntax. `negation`: whether `!pattern` re-includes a file.
   * `emptyExcludesAll`: whether an empty file means "exclude everything".
   */
  | { readonly kind: 'ignore-file'; readonly negation: boolean; readonly emptyExcludesAll?: boolean }
  /** Claude Code: deny rules, sandbox read denials and a PreToolUse hook in its settings. */
  | { readonly kind: 'claude-settings' }
  /** VS Code: Copilot off for dotenv, terminal auto-approval rules for its chat. */
  | { readonly kind: 'vscode-settings' }
  /** Codex: a permission profile and shell environment policy in its TOML config. */
  | { readonly kind: 'codex-config' }
  /** Zed: `private_files`. */
  | { readonly kind: 'zed-settings' }
  /** Cursor, Windsurf and Gemini CLI: hooks that run `envguard hook`. */
  | { readonly kind: 'cursor-hooks' }
  | { readonly kind: 'windsurf-hooks' }
  | { readonly kind: 'gemini-settings' };

/** The tools a user chooses among (`.envguard.json` "aiTools", `envguard protect --tools`, the editor's picker). */
export const AI_TOOL_IDS = [
  'claude-code', 'copilot', 'cursor', 'codex', 'windsurf', 'gemini-cli', 'gemini-code-assist', 'zed', 'jetbrains',
  'qwen-code', 'aider', 'continue', 'cline', 'roo-code', 'kilo-code', 'augment', 'kiro',
] as const;

export type AiToolId = (typeof AI_TOOL_IDS)[number];

export function isAiToolId(value: unknown): value is AiToolId {
  return (AI_TOOL_IDS as readonly unknown[]).includes(value);
}

export interface AiToolInfo {
  readonly id: AiToolId;
  /** The product, as the picker and messages name it. */
  readonly name: string;
  /**
   * Paths (relative to the project folder) whose presence says the tool is used there: its own
   * folder or instructions file. Its managed files count too (a previous `protect` wrote them).
   */
  readonly markers: readonly string[];
}

/** One row per tool a user can choose, in the picker's order. */
export const AI_TOOL_INFO: readonly AiToolInfo[] = [
  { id: 'claude-code', name: 'Claude Code', markers: ['.claude', 'CLAUDE.md', '.mcp.json'] },
  { id: 'copilot', name: 'GitHub Copilot / VS Code chat', markers: ['.github/copilot-instructions.md', '.github/instructions', '.github/prompts'] },
  { id: 'cursor', name: 'Cursor', markers: ['.cursor', '.cursorrules'] },
  { id: 'codex', name: 'Codex', markers: ['.codex', 'AGENTS.md'] },
  { id: 'windsurf', name: 'Windsurf / Codeium', markers: ['.windsurf', '.windsurfrules'] },
  { id: 'gemini-cli', name: 'Gemini CLI', markers: ['.gemini', 'GEMINI.md'] },
  { id: 'gemini-code-assist', name: 'Gemini Code Assist / Android Studio', markers: [] },
  { id: 'zed', name: 'Zed', markers: ['.zed'] },
  { id: 'jetbrains', name: 'JetBrains AI Assistant / Junie', markers: ['.junie', '.idea'] },
  { id: 'qwen-code', name: 'Qwen Code', markers: ['.qwen', 'QWEN.md'] },
  { id: 'aider', name: 'aider', markers: ['.aider.conf.yml', '.aider.chat.history.md'] },
  { id: 'continue', name: 'Continue', markers: ['.continue', '.continuerc.json'] },
  { id: 'cline', name: 'Cline', markers: ['.clinerules'] },
  { id: 'roo-code', name: 'Roo Code', markers: ['.roo', '.roomodes'] },
  { id: 'kilo-code', name: 'Kilo Code', markers: ['.kilocode'] },
  { id: 'augment', name: 'Augment', markers: ['.augment', '.augment-guidelines'] },
  { id: 'kiro', name: 'Kiro', markers: ['.kiro'] },
];

export interface AiTool {
  /** The tool whose file this is (a tool may have several: Cursor's ignore file and its hooks). */
  readonly tool: AiToolId;
  /** Product name(s), for documentation and messages. */
  readonly name: string;
  /** Path relative to the project folder, `/`-separated. */
  readonly path: string;
  readonly format: FileFormat;
}

const GITIGNORE_SYNTAX: FileFormat = { kind: 'ignore-file', negation: true };

export const AI_TOOLS: readonly AiTool[] = [
  { tool: 'cursor', name: 'Cursor', path: '.cursorignore', format: GITIGNORE_SYNTAX },
  { tool: 'windsurf', name: 'Windsurf / Codeium', path: '.codeiumignore', format: GITIGNORE_SYNTAX },
  // Gemini Code Assist documents two differences from gitignore: no `!`, and an empty file excludes everything.
  { tool: 'gemini-code-assist', name: 'Gemini Code Assist / Android Studio', path: '.aiexclude', format: { kind: 'ignore-file', negation: false, emptyExcludesAll: true } },
  { tool: 'gemini-cli', name: 'Gemini CLI', path: '.geminiignore', format: GITIGNORE_SYNTAX },
  { tool: 'jetbrains', name: 'JetBrains AI Assistant / Junie', path: '.aiignore', format: GITIGNORE_SYNTAX },
  { tool: 'qwen-code', name: 'Qwen Code', path: '.agentignore', format: GITIGNORE_SYNTAX },
  { tool: 'aider', name: 'aider', path: '.aiderignore', format: GITIGNORE_SYNTAX },
  { tool: 'continue', name: 'Continue', path: '.continueignore', format: GITIGNORE_SYNTAX },
  { tool: 'cline', name: 'Cline', path: '.clineignore', format: GITIGNORE_SYNTAX },
  { tool: 'roo-code', name: 'Roo Code', path: '.rooignore', format: GITIGNORE_SYNTAX },
  { tool: 'kilo-code', name: 'Kilo Code', path: '.kilocodeignore', format: GITIGNORE_SYNTAX },
  { tool: 'augment', name: 'Augment', path: '.augmentignore', format: GITIGNORE_SYNTAX },
  { tool: 'kiro', name: 'Kiro', path: '.kiroignore', format: GITIGNORE_SYNTAX },
  { tool: 'claude-code', name: 'Claude Code', path: '.claude/settings.json', format: { kind: 'claude-settings' } },
  { tool: 'copilot', name: 'GitHub Copilot / VS Code chat', path: '.vscode/settings.json', format: { kind: 'vscode-settings' } },
  { tool: 'codex', name: 'Codex', path: '.codex/config.toml', format: { kind: 'codex-config' } },
  { tool: 'zed', name: 'Zed', path: '.zed/settings.json', format: { kind: 'zed-settings' } },
  { tool: 'cursor', name: 'Cursor', path: '.cursor/hooks.json', format: { kind: 'cursor-hooks' } },
  { tool: 'windsurf', name: 'Windsurf', path: '.windsurf/hooks.json', format: { kind: 'windsurf-hooks' } },
  { tool: 'gemini-cli', name: 'Gemini CLI', path: '.gemini/settings.json', format: { kind: 'gemini-settings' } },
];

/** The tool of each id. */
export function aiToolInfo(id: AiToolId): AiToolInfo {
  return AI_TOOL_INFO.find((info) => info.id === id)!;
}

/** The files EnvGuard writes for one tool, relative to the project folder. */
export function filesOfTool(id: AiToolId): string[] {
  return AI_TOOLS.filter((row) => row.tool === id).map((row) => row.path);
}

/** The chosen tools, or every tool when nothing was chosen (`.envguard.json` without "aiTools"). */
export function chosenTools(choice: readonly AiToolId[] | undefined): ReadonlySet<AiToolId> {
  return new Set(choice ?? AI_TOOL_IDS);
}

/**
 * The tools a picker starts with: the project's saved choice; else the tools found in the folder
 * (with the editor the picker runs in, whose chat is used there by definition); else every tool.
 */
export function preselectedTools(saved: readonly AiToolId[] | undefined, detected: readonly AiToolId[], editor?: AiToolId): AiToolId[] {
  if (saved !== undefined) return AI_TOOL_IDS.filter((id) => saved.includes(id));
  if (detected.length === 0) return [...AI_TOOL_IDS];
  return AI_TOOL_IDS.filter((id) => detected.includes(id) || id === editor);
}
