import { AgentClient } from '../../core/gate';
import { APPROVAL_POLICIES } from '../../core/config/project-config';
import { parseDuration } from '../../core/gate/sessions';
import { parseCommandArgs, parseFormat } from '../args';
import { jsonDocument } from '../format/json';
import { CliError, EXIT_OK, EXIT_USAGE, type CliIO, type Command } from '../io';
import { cliKeyStoreMode, cliLauncher, cliVaultHome } from '../local-vault';
import { canAskAtTerminal, readPassphrase } from '../terminal-passphrase';
import { approvalTable } from './approval.table';

const USAGE = `Usage:\n${approvalTable.synopsis.map((s) => `  envguard approval ${s}`).join('\n')}\nMore: envguard help approval`;

/** `envguard approval`: how often a human approves releases, per project and environment. */
export const approvalCommand: Command = async (argv: string[], io: CliIO) => {
  const { values, positionals } = parseCommandArgs(argv, approvalTable.options);
  const json = parseFormat(values.format, approvalTable.options.format.choices) === 'json';
  if (cliKeyStoreMode(io) === 'automation') throw new CliError('an automation vault releases without approval: it has no policy to set');
  const client = new AgentClient(cliVaultHome(io), io.env);
  const [action, policy, ...extra] = positionals;
  if (action === undefined || action === 'show') {
    const status = await client.request<{ unlocked: boolean; rules?: { project: string; environment: string; policy: string }[]; limits?: { idleMs: number; maxMs: number }; warning?: string }>({ op: 'status' })
      .catch(() => undefined);
    if (!status?.unlocked) throw new CliError('the local vault is locked: the rules are read by the key agent (run envguard unlock first)');
    if (json) {
      io.stdout.write(jsonDocument({ default: { policy: 'session', idleMs: status.limits!.idleMs, maxMs: status.limits!.maxMs }, rules: status.rules ?? [], ...(status.warning ? { warning: status.warning } : {}) }));
      return EXIT_OK;
    }
    io.stdout.write(`Default: approval once per session (sessions end after ${minutes(status.limits!.idleMs)} idle, ${minutes(status.limits!.maxMs)} at most).\n`);
    for (const r of status.rules ?? []) io.stdout.write(`  project ${r.project}, environment ${r.environment}: ${r.policy}\n`);
    if (status.warning) io.stderr.write(`envguard approval: warning: ${status.warning}\n`);
    return EXIT_OK;
  }
  if (action !== 'set' || policy === undefined || extra.length > 0) {
    io.stderr.write(`${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (!(APPROVAL_POLICIES as readonly string[]).includes(policy)) throw new CliError(`POLICY must be ${APPROVAL_POLICIES.join(', ')} (got '${policy}')`);
  const idleMs = values.idle === undefined ? undefined : parseDuration(values.idle);
  const maxMs = values.max === undefined ? undefined : parseDuration(values.max);
  if ((values.idle !== undefined && idleMs === undefined) || (values.max !== undefined && maxMs === undefined)) throw new CliError('--idle and --max take a duration: 90s, 10m, 12h');
  if (!canAskAtTerminal()) throw new CliError('changing the approval policy takes your passphrase, typed at a terminal, and this command has none');
  const passphrase = await readPassphrase(`EnvGuard: set approval to "${policy}" for project ${values.project ?? '*'}, environment ${values.env ?? '*'}. Type your passphrase to confirm.\nPassphrase:`);
  if (!passphrase) throw new CliError('no passphrase was given: nothing changed');
  const clientInfo = { pid: process.pid, cwd: io.cwd, terminal: true };
  if (!(await client.status()).unlocked) {
    await client.start(cliLauncher());
    await client.request({ op: 'unlock', passphrase, client: clientInfo });
  }
  const answer = await client.request<{ before: string; after: string }>({
    op: 'policy', client: clientInfo, passphrase, project: values.project ?? '*', environment: values.env ?? '*', policy,
    ...(idleMs !== undefined ? { idleMs } : {}), ...(maxMs !== undefined ? { maxMs } : {}),
  });
  io.stdout.write(`Approval for project ${values.project ?? '*'}, environment ${values.env ?? '*'}: ${answer.before} → ${answer.after}.\n`);
  return EXIT_OK;
};

function minutes(ms: number): string {
  return ms >= 3_600_000 ? `${Math.round(ms / 360_000) / 10} h` : ms >= 60_000 ? `${Math.round(ms / 6_000) / 10} min` : `${Math.round(ms / 1000)} s`;
}

export const command = approvalCommand;
