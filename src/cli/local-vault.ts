import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { AgentClient, agentReleaseGate, notSetUpHelp, automationReleaseGate, GatedLocalVault, type AgentAccess, type AgentLauncher, type ReleaseGate } from '../core/gate';
import { openLocalVault, VaultError, type LocalVault } from '../core/vault';
import { parseKeyStoreMode, type KeyStoreMode } from '../core/vault/local/key-store-types';
import { readWrappedKey } from '../core/vault/local/wrapped-key';
import { CliError, type CliIO } from './io';
import { cliHome, openCliRegistry } from './projects';
import { canAskAtTerminal, readPassphrase } from './terminal-passphrase';

/** The local vault, as the CLI sees it: the user's behind the key agent, or an automation vault it opens itself. */
export type CliLocalVault = LocalVault | GatedLocalVault;

/** ENVGUARD_KEY_STORE: passphrase (default) or automation; the earlier auto, keychain and file still work. */
export function cliKeyStoreMode(io: CliIO): KeyStoreMode {
  const value = io.env.ENVGUARD_KEY_STORE ?? 'passphrase';
  const mode = parseKeyStoreMode(value);
  if (!mode) throw new CliError(`ENVGUARD_KEY_STORE must be passphrase or automation (it is '${value}')`);
  return mode;
}

/** The vault folder as the key agent knows it: resolved, so every spelling reaches the same agent. */
export function cliVaultHome(io: CliIO): string {
  const home = cliHome(io);
  return existsSync(home) ? realpathSync(home) : home;
}

/** Opens the local vault as the CLI configures it (ENVGUARD_HOME, ENVGUARD_KEY_STORE). */
export async function openCliLocalVault(io: CliIO): Promise<CliLocalVault> {
  if (cliKeyStoreMode(io) === 'automation') return openLocalVault({ env: io.env, home: cliHome(io), keyStore: 'automation' });
  return new GatedLocalVault(cliVaultHome(io), cliAgentAccess(io));
}

/** Where every release of a CLI command passes. */
export function cliReleaseGate(io: CliIO): ReleaseGate {
  if (cliKeyStoreMode(io) === 'automation') {
    let vault: Promise<LocalVault> | undefined;
    return automationReleaseGate(() => (vault ??= openLocalVault({ env: io.env, home: cliHome(io), keyStore: 'automation' })), () => openCliRegistry(io));
  }
  return agentReleaseGate(cliAgentAccess(io));
}

/** The CLI's own bundle, which the key agent is started from (`node dist/cli.js agent`). */
export function cliLauncher(): AgentLauncher {
  const beside = path.resolve(__dirname, '..', 'cli.js');
  return { node: process.execPath, cli: existsSync(beside) ? beside : process.argv[1]! };
}

const accesses = new WeakMap<CliIO, AgentAccess>();

/** How the CLI reaches the key agent: it starts and unlocks it with the passphrase typed at this terminal, and answers its questions there. */
export function cliAgentAccess(io: CliIO): AgentAccess {
  const known = accesses.get(io);
  if (known) return known;
  const home = cliVaultHome(io);
  const client = new AgentClient(home, io.env);
  const terminal = canAskAtTerminal();
  let unlocked = false;
  const access: AgentAccess = {
    client,
    clientInfo: () => ({ pid: process.pid, cwd: io.cwd, terminal }),
    answerPassphrase: terminal ? (question) => readPassphrase(`${question.attempt > 1 ? 'Wrong passphrase. ' : ''}${question.prompt}\nPassphrase:`) : undefined,
    async ensureUnlocked(forRelease) {
      if (unlocked) return;
      const status = await client.status();
      if (status.unlocked) {
        unlocked = true;
        return;
      }
      if (!(await readWrappedKey(home))) throw new VaultError('locked', await notSetUpHelp(home));
      if (!terminal) throw new VaultError('locked', lockedHelp(home));
      const prompt = forRelease
        ? `EnvGuard: the local vault is locked. ${forRelease.label ?? 'This command'} asks for ${forRelease.names.length} secret${forRelease.names.length === 1 ? '' : 's'} (${forRelease.names.join(', ')}).\n  Type your EnvGuard passphrase to unlock the vault and approve, or press Enter to cancel.`
        : 'EnvGuard: the local vault is locked. Type your EnvGuard passphrase to unlock it, or press Enter to cancel.';
      await unlockAtTerminal(io, client, prompt, forRelease?.names);
      unlocked = true;
    },
  };
  accesses.set(io, access);
  return access;
}

/** Starts the key agent and unlocks it with the passphrase typed here: three tries, as sudo gives. */
export async function unlockAtTerminal(io: CliIO, client: AgentClient, prompt: string, forNames?: readonly string[]): Promise<void> {
  await client.start(cliLauncher());
  for (let attempt = 1; attempt <= 3; attempt++) {
    const passphrase = await readPassphrase(`${attempt > 1 ? 'Wrong passphrase. ' : ''}${prompt}\nPassphrase:`);
    if (passphrase === undefined || passphrase === '') throw new VaultError('locked', 'the local vault stays locked: no passphrase was given');
    try {
      await client.request({ op: 'unlock', passphrase, client: { pid: process.pid, cwd: io.cwd, terminal: true }, ...(forNames ? { forNames } : {}) });
      return;
    } catch (error) {
      if (!(error instanceof VaultError) || error.code !== 'unauthenticated') throw error;
    }
  }
  throw new VaultError('locked', 'the local vault stays locked: the passphrase was wrong 3 times');
}

export function lockedHelp(home: string): string {
  return `the local vault (${home}) is locked, and this command has no terminal to ask for your passphrase. `
    + 'Unlock it yourself: run envguard unlock in your terminal, or use EnvGuard in VS Code';
}
