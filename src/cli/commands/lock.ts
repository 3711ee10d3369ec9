import { AgentClient } from '../../core/gate';
import { CliError, EXIT_OK, type CliIO, type Command } from '../io';
import { cliVaultHome } from '../local-vault';
import { parseCommandArgs } from '../args';
import { lockTable } from './lock.table';

/** `envguard lock`: ends every approval and makes the key agent forget the key (and exit). Anyone may lock. */
export const lockCommand: Command = async (argv: string[], io: CliIO) => {
  const { positionals } = parseCommandArgs(argv, lockTable.options);
  if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}'`);
  const client = new AgentClient(cliVaultHome(io), io.env);
  if (!(await client.status()).running) {
    io.stdout.write('The local vault is locked (no key agent runs).\n');
    return EXIT_OK;
  }
  const { revoked } = await client.request<{ revoked: number }>({ op: 'lock' });
  io.stdout.write(`Locked: the key is forgotten and ${revoked} approval${revoked === 1 ? '' : 's'} ended.\n`);
  return EXIT_OK;
};

export const command = lockCommand;
