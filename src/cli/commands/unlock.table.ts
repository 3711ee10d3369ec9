import { EXIT_OK_ROW, type CommandTable } from '../command-table';

export const unlockTable = {
  name: 'unlock',
  summary: 'unlock the local vault with your passphrase (the key agent holds the key)',
  synopsis: [''],
  description: 'Asks for your EnvGuard passphrase at this terminal and starts the key agent with the key. Each program that asks for secrets is still approved by you, once or for its terminal session; envguard lock ends them all.',
  options: {},
  examples: [{ command: 'envguard unlock', says: 'asks for the passphrase' }],
  exitCodes: [EXIT_OK_ROW, { code: 2, meaning: 'no terminal to ask at, a wrong passphrase, or an automation vault (it has none)' }],
} as const satisfies CommandTable;
