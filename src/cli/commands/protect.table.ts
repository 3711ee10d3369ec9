import { AI_TOOL_IDS } from '../../core/ai-ignore/tools';
import { EXIT_OK_ROW, FORMAT_OPTION, type CommandTable } from '../command-table';

/** `envguard protect`, and `envguard ignore` (its old name: the same command under another name). */
export function protectTable<Name extends string>(name: Name, summary: string) {
  return {
    name,
    summary,
    synopsis: ['[DIR] [--tools ID,...|all] [--check] [--enable-sandbox] [--format text|json]'],
    description: `Keeps env files, the environment and the EnvGuard vault away from every AI tool that has a control for it: ignore files (Cursor, Windsurf, Gemini, JetBrains, aider, Continue, Cline, Roo Code, Kilo Code, Augment, Kiro, Qwen Code); Claude Code's deny rules, sandbox read denials and hook (.claude/settings.json); Codex's permission profile and shell environment policy (.codex/config.toml); Zed's private_files; the hooks of Cursor, Windsurf and Gemini CLI, which run 'envguard hook'; VS Code's terminal auto-approval rules and Copilot off for dotenv; env files in .gitignore. Your own settings are merged into, never replaced. Which tools get controls is the project's choice, kept in .envguard.json ("aiTools"; absent: every tool), so that --check in CI checks the same tools; the files of a tool no longer chosen are left as they are, and reported. ${name === 'ignore' ? "'envguard protect' is the same command." : "'envguard ignore' is the same command."}`,
    arguments: [{ name: 'DIR', help: 'the project folder (default: the working directory)', complete: 'directory' }],
    options: {
      tools: {
        type: 'string', value: 'ID,...', choices: ['all', ...AI_TOOL_IDS], list: { alone: ['all'] },
        help: "the AI tools to write controls for, comma-separated, or 'all'; saved as \"aiTools\" in DIR's .envguard.json (with --check: checks these, saves nothing)",
      },
      check: { type: 'boolean', help: 'write nothing; report what each tool\'s controls cover; exit 1 when a file is missing or stale' },
      'enable-sandbox': { type: 'boolean', help: 'turn Claude Code\'s sandbox on in this project (.claude/settings.local.json), without asking' },
      format: FORMAT_OPTION,
    },
    examples: [
      { command: `envguard ${name}`, says: 'write or update every control in the working directory' },
      { command: `envguard ${name} --tools claude-code,cursor,copilot`, says: 'write controls for these three tools only, and keep the choice in .envguard.json' },
      { command: `envguard ${name} --check --format json`, says: 'in CI: what is missing or stale, and each tool\'s coverage, as JSON (docs/cli-json.md)' },
    ],
    exitCodes: [
      EXIT_OK_ROW,
      { code: 1, meaning: '--check: a file is missing or stale' },
      { code: 2, meaning: 'a usage error, or a file that could not be read, parsed or written (named in the report)' },
    ],
  } as const satisfies CommandTable;
}

export const protectCommandTable = protectTable('protect', "write the AI tools' controls: ignore files, settings, hooks (--check: what each covers)");
export const ignoreCommandTable = protectTable('ignore', 'the old name of protect');
