import { EXIT_USAGE_ROW, FORMAT_OPTION, type CommandTable } from '../command-table';
import { VAULT_OPTION } from '../vault-option';

export const migrateTable = {
  name: 'migrate',
  summary: 'move plaintext secrets into a vault and leave references',
  synopsis: ['[PATH...] [--env ENV]... [--vault V] [--keys K1,K2] [--prefix P] [--pin-versions] [--reference-style app-service|vals] [--dry-run] [--yes] [--format text|json]'],
  description: 'Prints the plan, grouped by project and environment with each group\'s vault (file:line, key, reference; never a value), applies it once you confirm at the terminal or pass --yes, then prints what moved. Each value is written to the vault, read back and compared before its file is rewritten atomically. Each environment goes to the vault .envguard.json names for it (once you confirmed it), else $ENVGUARD_VAULT, else the local vault.',
  arguments: [{ name: 'PATH', help: 'env files, or folders to take every env file from (default: every env file of the working directory\'s project)', complete: 'file' }],
  options: {
    env: { type: 'string', multiple: true, value: 'ENV', help: 'only the files of this environment' },
    vault: { ...VAULT_OPTION, help: `${VAULT_OPTION.help}; sends every environment there` },
    keys: { type: 'string', value: 'K1,K2', help: 'move these keys (every occurrence) instead of the detected secrets' },
    prefix: { type: 'string', value: 'P', help: 'prepend P to every secret name' },
    'pin-versions': { type: 'boolean', help: 'references name the exact version written (Key Vault, Secrets Manager, Vault)' },
    'reference-style': { type: 'string', value: 'STYLE', default: 'app-service', choices: ['app-service', 'vals'], help: 'how Key Vault references are written' },
    'dry-run': { type: 'boolean', help: 'print the plan and write nothing' },
    yes: { type: 'boolean', short: 'y', help: 'apply the plan without asking (needed without a terminal)' },
    format: FORMAT_OPTION,
  },
  examples: [
    { command: 'envguard migrate --dry-run', says: 'the plan for the project of the working directory; nothing is written' },
    { command: 'envguard migrate .env.production --vault azure:shop-kv --yes', says: 'one file into a Key Vault, without asking' },
    { command: 'envguard migrate --dry-run --format json | jq \'.plan.items[].reference\'', says: 'the references the plan would write' },
  ],
  exitCodes: [
    { code: 0, meaning: 'every planned value moved, or nothing needed to (a dry run: the plan can be applied)' },
    { code: 1, meaning: 'something did not move: a blocked or skipped item, a refused confirmation, a value that failed' },
    EXIT_USAGE_ROW,
  ],
} as const satisfies CommandTable;
