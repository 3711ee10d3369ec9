import { EXIT_OK_ROW, type CommandTable } from '../command-table';

export const hookTable = {
  name: 'hook',
  summary: "run by an AI tool's hook: blocks commands that would show env files or secrets",
  synopsis: ['[claude|cursor|windsurf|gemini]   (reads the tool\'s JSON on stdin)'],
  description: "Run by an AI tool's hook with the tool's JSON on stdin (the settings envguard protect writes call it). Blocks shell commands and file reads that would show an env file, the environment (printenv, env, set, export -p), what 'envguard run' resolves, or the EnvGuard vault's folder; says nothing otherwise. The answer is in the tool's own format; a block names the rule, never a value.",
  arguments: [{ name: 'TOOL', help: 'the tool whose payload this is (default: recognised from the payload)', choices: ['claude', 'cursor', 'windsurf', 'gemini'] }],
  options: {},
  examples: [{ command: 'echo \'{"tool_name":"Bash","tool_input":{"command":"cat .env"}}\' | envguard hook claude', says: 'Claude Code\'s deny answer naming the env-file rule' }],
  exitCodes: [EXIT_OK_ROW, { code: 2, meaning: 'blocked (Cursor, Windsurf: the tool\'s own code for a block), or a usage error' }],
} as const satisfies CommandTable;
