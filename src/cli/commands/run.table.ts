import type { CommandTable } from '../command-table';

export const runTable = {
  name: 'run',
  summary: 'run a command with the env files loaded and references resolved (after your approval)',
  synopsis: ['[--env-file FILE]... [--override] [--redact] [--] CMD [ARGS...]'],
  description: 'Loads the env files (default ./.env) as their loaders read them, resolves vault references in memory once you approve the release, and runs CMD with the variables; stdin, stdout and stderr pass through and signals are passed on. Options go before CMD; everything after CMD (or after --) belongs to CMD, untouched. If a reference cannot be resolved, CMD is not started.',
  arguments: [
    { name: 'CMD', help: 'the program to run, found on PATH as a shell finds it', complete: 'command' },
    { name: 'ARGS', help: 'its arguments, passed as they are' },
  ],
  options: {
    'env-file': { type: 'string', short: 'f', multiple: true, value: 'FILE', complete: 'file', help: 'load this env file instead of ./.env (the first file wins for a key)' },
    override: { type: 'boolean', short: 'o', help: 'the files\' values win over variables already in the environment (and later files over earlier ones)' },
    redact: { type: 'boolean', help: 'mask the resolved secret values in CMD\'s stdout and stderr (on by itself under an AI agent)' },
  },
  examples: [
    { command: 'envguard run -- npm start', says: 'npm start with ./.env loaded and its references resolved' },
    { command: 'envguard run -f .env.production --redact -- ./deploy.sh --dry-run', says: 'another file; secret values masked in the output; --dry-run is the script\'s' },
  ],
  exitCodes: [
    { code: 'other', meaning: 'CMD\'s own exit code (128+N when signal N ended it)' },
    { code: 2, meaning: 'a usage error, an env file that cannot be read, or a reference that cannot be resolved: CMD was not started' },
    { code: 3, meaning: 'the release was not approved: CMD was not started' },
    { code: 126, meaning: 'CMD was found but is not executable' },
    { code: 127, meaning: 'CMD was not found' },
  ],
  passThrough: true,
} as const satisfies CommandTable;
