import { EXIT_OK_ROW, EXIT_USAGE_ROW, FORMAT_OPTION, type CommandTable } from '../command-table';
import { VAULT_OPTION } from '../vault-option';

const SECRET = { name: 'NAME', help: 'the secret\'s name in the vault (as vault list shows it)' } as const;
const FILE = { name: 'FILE', help: 'the export file (an age file)' } as const;
const REMOTE = { name: 'V', help: 'a remote vault: azure:NAME, a Key Vault URL, aws:REGION[:ACCOUNT] or hashicorp-vault:ADDRESS' } as const;

export const vaultTable = {
  name: 'vault',
  summary: "list, set, delete, recover or purge a vault's secrets (never prints values); export and import the local vault; confirm remote vaults",
  synopsis: [
    'init | protect | passphrase | log [--format text|json]',
    'list [--deleted] [--vault V] [--format text|json] | set NAME | delete NAME [--yes] | recover NAME | purge NAME [--yes]  [--vault V]',
    'export FILE [--force] | import FILE  [--format text|json]',
    'confirm V | unconfirm V | confirmed [--format text|json]',
  ],
  description: 'Reading a value out is envguard run\'s job: values only ever go to a program\'s environment.',
  options: {
    vault: VAULT_OPTION,
    yes: { type: 'boolean', short: 'y', help: 'delete or purge without asking (needed without a terminal)' },
    force: { type: 'boolean', help: 'replace FILE if it exists (vault export)' },
    deleted: { type: 'boolean', help: 'list the deleted secrets that can still be recovered, and when each is purged (local vault)' },
    format: FORMAT_OPTION,
    json: { type: 'boolean', help: 'the same as --format json' },
  },
  subcommands: {
    init: { summary: 'set up your local vault: a passphrase you choose wraps its key', examples: [{ command: 'envguard vault init', says: 'asks for a new passphrase twice at the terminal' }] },
    protect: { summary: 'wrap the key an older EnvGuard kept in a file or the keychain under a passphrase' },
    passphrase: { summary: 'change the local vault\'s passphrase (the key stays; nothing is re-encrypted)' },
    log: {
      summary: 'every approval, denial and release (names only), verified line by line',
      synopsis: ['[--format text|json]'],
      options: ['format', 'json'],
      examples: [{ command: 'envguard vault log --format json', says: 'the records as JSON (docs/cli-json.md)' }],
      exitCodes: [EXIT_OK_ROW, { code: 1, meaning: 'a line of the log does not verify (the records above it do)' }, EXIT_USAGE_ROW],
    },
    list: {
      summary: 'names, versions, owners and where each secret came from (never values)',
      synopsis: ['[--deleted] [--vault V] [--format text|json]'],
      options: ['deleted', 'vault', 'format', 'json'],
      examples: [
        { command: 'envguard vault list', says: 'the local vault\'s secrets' },
        { command: 'envguard vault list --deleted', says: 'deleted local secrets, each with the date it will be purged' },
        { command: 'envguard vault list --vault azure:shop-kv --format json', says: 'a Key Vault\'s secrets as JSON (docs/cli-json.md)' },
      ],
    },
    set: {
      summary: 'store a new version: typed twice with hidden input at a terminal, else read from stdin (never from the command line)',
      synopsis: ['NAME [--vault V]'],
      arguments: [SECRET],
      options: ['vault'],
      examples: [
        { command: 'envguard vault set shop/production/API_TOKEN', says: 'asks for the value twice, hidden, and prints its reference' },
        { command: 'printf %s "$TOKEN" | envguard vault set shop/production/API_TOKEN', says: 'stores the value from stdin and prints its reference' },
      ],
    },
    delete: {
      summary: 'delete the secret and all its versions; the local vault and Key Vault keep it recoverable (local: 30 days)',
      description: 'First lists the references in this project\'s env files that still use the secret (files and lines, never values): at a terminal you confirm with that list shown; with --yes it goes to stderr.',
      synopsis: ['NAME [--vault V] [--yes] [--format text|json]'],
      arguments: [SECRET],
      options: ['vault', 'yes', 'format', 'json'],
      examples: [
        { command: 'envguard vault delete shop/default/OLD_KEY --yes', says: 'without asking; references still using it are listed on stderr' },
        { command: 'envguard vault delete shop/default/OLD_KEY --yes --format json', says: 'the result and those references as JSON (docs/cli-json.md)' },
      ],
      exitCodes: [EXIT_OK_ROW, { code: 1, meaning: 'no such secret, or you answered no' }, EXIT_USAGE_ROW],
    },
    recover: {
      summary: 'bring back a deleted secret with all its versions (local vault: within 30 days, from its own project; Key Vault: soft-deleted)',
      synopsis: ['NAME [--vault V] [--format text|json]'],
      arguments: [SECRET],
      options: ['vault', 'format', 'json'],
      examples: [{ command: 'envguard vault recover shop/default/OLD_KEY', says: 'its references resolve again' }],
      exitCodes: [EXIT_OK_ROW, { code: 1, meaning: 'no such deleted secret' }, { code: 2, meaning: 'a usage error, or the secret belongs to another project' }],
    },
    purge: {
      summary: 'remove a deleted local secret for good, before its 30 days are over (asks first)',
      synopsis: ['NAME [--yes] [--format text|json]'],
      arguments: [SECRET],
      options: ['vault', 'yes', 'format', 'json'],
      examples: [{ command: 'envguard vault purge shop/default/OLD_KEY', says: 'asks, then frees the name for a new secret' }],
      exitCodes: [EXIT_OK_ROW, { code: 1, meaning: 'no such deleted secret, or you answered no' }, EXIT_USAGE_ROW],
    },
    export: {
      summary: 'seal every secret of the local vault (every version, with its id, and their projects) in one file, under a passphrase you type',
      description: 'The file is in the age format (age-encryption.org): EnvGuard imports it on another machine, and `age -d FILE` opens it without EnvGuard. '
        + 'A passphrase vault asks you to approve every export (it carries every value out); the values are sealed by the key agent and never pass through this command. '
        + 'Deleted secrets are not exported. Keep the file out of repositories, and apart from its passphrase.',
      synopsis: ['FILE [--force] [--format text|json]'],
      arguments: [FILE],
      options: ['force', 'format', 'json'],
      examples: [
        { command: 'envguard vault export ~/envguard-backup.age', says: 'asks for a new passphrase twice, then for your approval, and writes the file (mode 0600)' },
      ],
      exitCodes: [EXIT_OK_ROW, { code: 2, meaning: 'a usage error, or the export was not approved: nothing was written' }],
    },
    import: {
      summary: 'merge an export file into the local vault: version ids kept, versions it already holds left alone, never an older value made current',
      description: 'Asks for the file\'s passphrase at the terminal (three tries), then, for a passphrase vault, for your approval. '
        + 'A project of the file that this machine does not know is added with no folder: run envguard project link in its folder. '
        + 'A secret deleted here, or held here by another project, is skipped and listed. Importing the same file again changes nothing.',
      synopsis: ['FILE [--format text|json]'],
      arguments: [FILE],
      options: ['format', 'json'],
      examples: [
        { command: 'envguard vault import ~/envguard-backup.age', says: 'lists each secret as added, updated, unchanged or skipped' },
        { command: 'envguard vault import backup.age --format json', says: 'the same as JSON (docs/cli-json.md)' },
      ],
      exitCodes: [EXIT_OK_ROW, { code: 1, meaning: 'some secrets were skipped (the others were imported)' }, { code: 2, meaning: 'a usage error, a wrong passphrase three times, a damaged file, or the import was not approved: nothing was written' }],
    },
    confirm: {
      summary: 'let EnvGuard send your credentials and values to vault V',
      synopsis: ['V'],
      arguments: [REMOTE],
      examples: [{ command: 'envguard vault confirm azure:shop-kv', says: 'the vault a repository\'s .envguard.json names may now be used' }],
    },
    unconfirm: { summary: 'stop sending credentials and values to vault V', synopsis: ['V'], arguments: [REMOTE] },
    confirmed: { summary: 'the vaults you confirmed', synopsis: ['[--format text|json]'], options: ['format', 'json'] },
  },
  examples: [
    { command: 'envguard vault list', says: 'the local vault\'s secrets' },
    { command: 'printf %s "$TOKEN" | envguard vault set API_TOKEN', says: 'a new secret (or version) from stdin' },
  ],
  exitCodes: [EXIT_OK_ROW, { code: 1, meaning: 'no such secret, or a confirmation refused' }, EXIT_USAGE_ROW],
} as const satisfies CommandTable;
