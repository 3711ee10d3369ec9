import { EXIT_OK_ROW, EXIT_USAGE_ROW, type CommandTable } from '../command-table';

export const lockTable = {
  name: 'lock',
  summary: 'lock the local vault: the key is forgotten, every approval ends',
  synopsis: [''],
  description: 'Makes the key agent forget the key and exit; every approval ends. Anyone may lock.',
  options: {},
  examples: [{ command: 'envguard lock', says: 'before you leave the machine' }],
  exitCodes: [EXIT_OK_ROW, EXIT_USAGE_ROW],
} as const satisfies CommandTable;
