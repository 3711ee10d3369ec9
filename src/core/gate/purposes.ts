import type { ReleasePurpose } from './protocol';

/**
 * How each purpose reads where a human approves it: the dialog's subject ("allow envguard run to…"),
 * the terminal prompt's verb ("approve to release 2 secrets") and the dialog's verb. One table, so
 * that a new purpose cannot be shown under another one's words.
 */
export const PURPOSE_WORDS: Readonly<Record<ReleasePurpose, { readonly subject: string; readonly terminal: string; readonly dialog: (count: string) => string }>> = {
  run: { subject: 'envguard run', terminal: 'release', dialog: (count) => `receive ${count}` },
  'debug-launch': { subject: 'a debug session', terminal: 'release', dialog: (count) => `receive ${count}` },
  task: { subject: 'a task', terminal: 'release', dialog: (count) => `receive ${count}` },
  terminal: { subject: 'a terminal', terminal: 'release', dialog: (count) => `receive ${count}` },
  reveal: { subject: 'Reveal Secret Value in VS Code', terminal: 'show', dialog: (count) => `show ${count}` },
  verify: { subject: 'a check of references', terminal: 'check', dialog: (count) => `check ${count}` },
  delete: { subject: 'envguard vault delete', terminal: 'delete (recoverable for 30 days)', dialog: (count) => `delete ${count} (recoverable for 30 days)` },
  purge: { subject: 'envguard vault purge', terminal: 'delete FOR GOOD (no recovery)', dialog: (count) => `delete ${count} for good (no recovery)` },
  export: { subject: 'envguard vault export', terminal: 'EXPORT every value, into a file sealed under the passphrase just chosen,', dialog: (count) => `export ${count}, every value, into a file sealed under the passphrase just chosen` },
  import: { subject: 'envguard vault import', terminal: 'import (write into your vault, from an export file)', dialog: (count) => `write ${count} into your vault from an export file` },
};
