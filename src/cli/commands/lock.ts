import { AgentClient } from '../../core/gate';
import { CliError, EXIT_OK, type CliIO, type Command } from '../io';
import { cliVaultHome } from '../local-vault';

/** `envguard lock`: ends every approval and makes the key agent forget the key (and exit). Anyone may lock. */
export const lockCommand: Command = async (argv: string[], io: CliIO) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write('Usage: envguard lock    (ends every approval, forgets the key)\n');
    return EXIT_OK;
  }
  if (argv.length > 0) throw new CliError(`unexpected argument '${argv[0]}'`);
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
