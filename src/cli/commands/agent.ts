import { KeyAgent } from '../../core/gate';
import { EXIT_OK, type CliIO, type Command } from '../io';
import { cliVaultHome } from '../local-vault';
import { inspectVaultHome } from '../../core/vault/local';

/**
 * `envguard agent`: the per-user key agent, started by envguard itself (`run`, `unlock`, the VS Code
 * extension) detached from its starter. It serves until it is locked, idle or at its maximum, then
 * exits; a second one started meanwhile finds the first answering and exits at once.
 */
export const agentCommand: Command = async (_argv: string[], io: CliIO) => {
  const { home } = await inspectVaultHome(cliVaultHome(io));
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => { stopped = resolve; });
  const agent = await KeyAgent.start({ home, env: io.env, onStop: () => stopped() });
  if (agent === 'running') return EXIT_OK;
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => { void agent.stop(`signal ${signal}`); });
  await done;
  return EXIT_OK;
};

export const command = agentCommand;
