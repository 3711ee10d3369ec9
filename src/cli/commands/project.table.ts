import { EXIT_OK_ROW, EXIT_USAGE_ROW, FORMAT_OPTION, type CommandTable } from '../command-table';

const SECRETS = { name: 'SECRET', help: 'local secret names (globs allowed for share and unshare)' } as const;

export const projectTable = {
  name: 'project',
  summary: "this folder's project; link a moved project, claim or share its secrets",
  synopsis: ['[--format text|json]', 'link [--yes] | claim [SECRET...] [--yes]', 'share SECRET... --with PROJECT | unshare SECRET... --with PROJECT'],
  description: 'Without a subcommand: the project of the working directory, its folder, environments (each with its vault and files), whether it is registered on this machine, and which program reads each env file.',
  options: {
    with: { type: 'string', value: 'PROJECT', help: 'the project to share with (or stop sharing with)' },
    yes: { type: 'boolean', short: 'y', help: 'do it without asking (needed without a terminal)' },
    format: FORMAT_OPTION,
  },
  subcommands: {
    show: { summary: 'this folder\'s project (the default)', synopsis: ['[--format text|json]'], options: ['format'], examples: [{ command: 'envguard project --format json', says: 'the project as JSON (docs/cli-json.md)' }] },
    link: {
      summary: 'confirm this folder as a place of the project its .envguard.json names (moved, renamed, or a second copy)',
      synopsis: ['[--yes]'], options: ['yes'],
      exitCodes: [EXIT_OK_ROW, { code: 1, meaning: 'no such project is registered, or you answered no' }, EXIT_USAGE_ROW],
    },
    claim: {
      summary: 'give this project the local secrets that belong to none (default: those its env files refer to)',
      synopsis: ['[SECRET...] [--yes]'], arguments: [SECRETS], options: ['yes'],
      exitCodes: [EXIT_OK_ROW, { code: 1, meaning: 'some belong to other projects, or you answered no' }, EXIT_USAGE_ROW],
    },
    share: {
      summary: 'let another project of this machine read these secrets (written to .envguard.json "share")',
      synopsis: ['SECRET... --with PROJECT'], arguments: [SECRETS], options: ['with'],
      examples: [{ command: 'envguard project share \'shop/production/*\' --with shop-worker', says: 'the worker may read the shop\'s production secrets' }],
    },
    unshare: { summary: 'stop sharing these secrets with a project', synopsis: ['SECRET... --with PROJECT'], arguments: [SECRETS], options: ['with'] },
  },
  examples: [
    { command: 'envguard project', says: 'what EnvGuard knows of this folder\'s project' },
    { command: 'envguard project link --yes', says: 'after moving or renaming the project\'s folder' },
  ],
  exitCodes: [EXIT_OK_ROW, { code: 1, meaning: 'nothing to link, a claim refused, or you answered no' }, EXIT_USAGE_ROW],
} as const satisfies CommandTable;
