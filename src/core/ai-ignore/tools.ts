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

export interface AiTool {
  /** Product name(s), for documentation and messages. */
  readonly name: string;
  /** Path relative to the project folder, `/`-separated. */
  readonly path: string;
  readonly format: FileFormat;
}

const GITIGNORE_SYNTAX: FileFormat = { kind: 'ignore-file', negation: true };

export const AI_TOOLS: readonly AiTool[] = [
  { name: 'Cursor', path: '.cursorignore', format: GITIGNORE_SYNTAX },
  { name: 'Windsurf / Codeium', path: '.codeiumignore', format: GITIGNORE_SYNTAX },
  // Gemini Code Assist documents two differences from gitignore: no `!`, and an empty file excludes everything.
  { name: 'Gemini Code Assist / Android Studio', path: '.aiexclude', format: { kind: 'ignore-file', negation: false, emptyExcludesAll: true } },
  { name: 'Gemini CLI', path: '.geminiignore', format: GITIGNORE_SYNTAX },
  { name: 'JetBrains AI Assistant / Junie', path: '.aiignore', format: GITIGNORE_SYNTAX },
  { name: 'Qwen Code', path: '.agentignore', format: GITIGNORE_SYNTAX },
  { name: 'aider', path: '.aiderignore', format: GITIGNORE_SYNTAX },
  { name: 'Continue', path: '.continueignore', format: GITIGNORE_SYNTAX },
  { name: 'Cline', path: '.clineignore', format: GITIGNORE_SYNTAX },
  { name: 'Roo Code', path: '.rooignore', format: GITIGNORE_SYNTAX },
  { name: 'Kilo Code', path: '.kilocodeignore', format: GITIGNORE_SYNTAX },
  { name: 'Augment', path: '.augmentignore', format: GITIGNORE_SYNTAX },
  { name: 'Kiro', path: '.kiroignore', format: GITIGNORE_SYNTAX },
  { name: 'Claude Code', path: '.claude/settings.json', format: { kind: 'claude-settings' } },
  { name: 'GitHub Copilot / VS Code chat', path: '.vscode/settings.json', format: { kind: 'vscode-settings' } },
  { name: 'Codex', path: '.codex/config.toml', format: { kind: 'codex-config' } },
  { name: 'Zed', path: '.zed/settings.json', format: { kind: 'zed-settings' } },
  { name: 'Cursor', path: '.cursor/hooks.json', format: { kind: 'cursor-hooks' } },
  { name: 'Windsurf', path: '.windsurf/hooks.json', format: { kind: 'windsurf-hooks' } },
  { name: 'Gemini CLI', path: '.gemini/settings.json', format: { kind: 'gemini-settings' } },
];
