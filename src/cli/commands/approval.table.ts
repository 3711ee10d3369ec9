import { EXIT_OK_ROW, EXIT_USAGE_ROW, FORMAT_OPTION, type CommandTable } from '../command-table';

export const approvalTable = {
  name: 'approval',
  summary: 'how often you approve releases, per project and environment',
  synopsis: ['[--format text|json]', 'set every-time|session|none [--project P] [--env E] [--idle 10m] [--max 12h]'],
  description: 'Without a subcommand: the rules in force (the key agent must be unlocked). A repository\'s .envguard.json ("approval": "every-time") can make its own policy stricter, never looser.',
  options: {
    project: { type: 'string', value: 'P', help: 'the project the rule is for (default: every project)' },
    env: { type: 'string', value: 'E', help: 'the environment the rule is for (default: every environment)' },
    idle: { type: 'string', value: 'DURATION', help: 'a session ends after this long without a release (90s, 10m, 12h)' },
    max: { type: 'string', value: 'DURATION', help: 'a session ends after this long at most' },
    format: FORMAT_OPTION,
  },
  subcommands: {
    show: { summary: 'the rules in force (the default)', synopsis: ['[--format text|json]'], options: ['format'] },
    set: {
      summary: 'set the approval policy; asks for your passphrase: no program can change it for you',
      synopsis: ['POLICY [--project P] [--env E] [--idle 10m] [--max 12h]'],
      arguments: [{ name: 'POLICY', help: 'approve every release, once per session, or never ask', choices: ['every-time', 'session', 'none'] }],
      options: ['project', 'env', 'idle', 'max'],
      examples: [{ command: 'envguard approval set every-time --project shop --env production', says: 'ask before every release of the shop\'s production secrets' }],
    },
  },
  examples: [{ command: 'envguard approval', says: 'the rules in force' }],
  exitCodes: [EXIT_OK_ROW, EXIT_USAGE_ROW],
} as const satisfies CommandTable;
