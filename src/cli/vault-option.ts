import { VAULT_SPEC_HELP } from '../core/vault/spec';
import type { OptionRow } from './command-table';

/** `--vault V`, shared by the commands that open a vault. */
export const VAULT_OPTION = {
  type: 'string', value: 'V',
  help: `the vault: ${VAULT_SPEC_HELP} (default: $ENVGUARD_VAULT, else local)`,
} as const satisfies OptionRow;
