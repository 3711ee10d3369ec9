// What the extension says about the workspace's count, without `vscode`: the log's Ready line, the
// status bar's tooltip and Scan Workspace's message all say it the same way.

/** Plaintext secrets, in how many files, of how many env files checked. */
export interface SecretTally {
  readonly secrets: number;
  readonly filesWithSecrets: number;
  readonly filesChecked: number;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "6 plaintext secrets in 2 of 5 env files", "no plaintext secrets in 5 env files". */
export function describeTally({ secrets, filesWithSecrets, filesChecked }: SecretTally): string {
  if (secrets === 0) return `no plaintext secrets in ${plural(filesChecked, 'env file')}`;
  return `${plural(secrets, 'plaintext secret')} in ${filesWithSecrets} of ${plural(filesChecked, 'env file')}`;
}

const RESTRICTED = 'Restricted Mode: reading and reporting only';

/** The log line once the first scan of every env file is complete. */
export function readyLine(tally: SecretTally, trusted: boolean): string {
  return `Ready: ${describeTally(tally)}${trusted ? '' : ` (${RESTRICTED})`}`;
}

/** Scan Workspace's message. */
export function scanSummary(tally: SecretTally): string {
  return `EnvGuard found ${describeTally(tally)}.`;
}

/**
 * The status bar's tooltip: what the count means and what can be done here. In Restricted Mode no
 * quick fix moves anything, so it says what is possible instead.
 */
export function statusTooltip(tally: SecretTally, trusted: boolean): string {
  if (tally.secrets === 0) return `EnvGuard: ${describeTally(tally)} of this workspace.${trusted ? '' : ` ${RESTRICTED}.`}`;
  const found = `EnvGuard: ${describeTally(tally)}. Click to see them in the Problems view`;
  if (trusted) return `${found}; a quick fix moves each into the vault.`;
  return `${found}. Restricted Mode: EnvGuard reads and reports only; to move them into a vault, trust this workspace.`;
}
