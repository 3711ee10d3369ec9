import { EXIT_OK_ROW, type CommandTable } from '../command-table';

export const agentTable = {
  name: 'agent',
  summary: 'the key agent itself (envguard starts it; you never need to)',
  synopsis: [''],
  description: 'The per-user key agent, started by envguard itself (run, unlock, the VS Code extension), detached from its starter. It serves until it is locked, idle or at its maximum, then exits; a second one started meanwhile finds the first answering and exits at once.',
  options: {},
  examples: [],
  exitCodes: [EXIT_OK_ROW],
} as const satisfies CommandTable;
