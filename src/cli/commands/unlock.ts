import { AgentClient } from '../../core/gate';
import { CliError, EXIT_OK, type CliIO, type Command } from '../io';
import { cliKeyStoreMode, cliVaultHome, unlockAtTerminal } from '../local-vault';
import { canAskAtTerminal } from '../terminal-passphrase';
import { parseCommandArgs } from '../args';
import { unlockTable } from './unlock.table';

const USAGE = 'Usage: envguard unlock    (asks for your EnvGuard passphrase at this terminal; more: envguard help unlock)';

/** `envguard unlock`: starts the key agent with the passphrase typed here; releases still ask for approval. */
export const unlockCommand: Command = async (argv: string[], io: CliIO) => {
  const { positionals } = parseCommandArgs(argv, unlockTable.options);
  if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}'\n${USAGE}`);
  if (cliKeyStoreMode(io) === 'automation') throw new CliError('an automation vault (ENVGUARD_KEY_STORE=automation) has no passphrase and needs no unlocking');
  const home = cliVaultHome(io);
  const client = new AgentClient(home, io.env);
  if ((await client.status()).unlocked) {
    io.stdout.write(`The local vault (${home}) is already unlocked. envguard lock locks it and ends every approval.\n`);
    return EXIT_OK;
  }
  if (!canAskAtTerminal()) throw new CliError('envguard unlock asks for your passphrase at a terminal, and this command has none');
  await unlockAtTerminal(io, client, `EnvGuard: unlock the local vault (${home}).`);
  io.stdout.write('Unlocked. Each program that asks for secrets is still approved by you, once or for its terminal session (10 minutes idle, 12 hours at most); envguard lock ends them all.\n');
  return EXIT_OK;
};

export const command = unlockCommand;
