/** Every command's table, in the order `envguard --help` lists them. */
import type { CommandTable } from './command-table';
import { agentTable } from './commands/agent.table';
import { approvalTable } from './commands/approval.table';
import { completionTable } from './commands/completion.table';
import { hookTable } from './commands/hook.table';
import { lockTable } from './commands/lock.table';
import { migrateTable } from './commands/migrate.table';
import { projectTable } from './commands/project.table';
import { ignoreCommandTable, protectCommandTable } from './commands/protect.table';
import { runTable } from './commands/run.table';
import { scanTable } from './commands/scan.table';
import { unlockTable } from './commands/unlock.table';
import { vaultTable } from './commands/vault.table';

export const COMMAND_TABLES: readonly CommandTable[] = [
  scanTable, migrateTable, vaultTable, projectTable, protectCommandTable, ignoreCommandTable, hookTable, runTable,
  unlockTable, lockTable, approvalTable, agentTable, completionTable,
];

export function commandTable(name: string): CommandTable | undefined {
  return COMMAND_TABLES.find((t) => t.name === name);
}
