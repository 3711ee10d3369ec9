/**
 * What the approval gate costs inside an approved session: `envguard run` with 20 local-vault
 * references, once through the key agent (a passphrase vault, the session approved once by a
 * window's channel, as a VS Code window does), once with no gate (an automation vault, which reads
 * the values itself). Both are real CLI processes; the difference is the gate's cost. The release
 * step alone is also timed in-process (a socket round trip and the agent reading the requester's
 * process chain from /proc, against reading the store directly).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AgentClient, agentReleaseGate, automationReleaseGate, type ReleaseItem } from '../../../src/core/gate';
import { ProjectRegistry } from '../../../src/core/project';
import { initPassphraseVault, openLocalVault } from '../../../src/core/vault/local';
import { formatTimings, median } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';

const COUNT = 20;
const PASSPHRASE = 'bench passphrase, not a secret';

function runCli(cli: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; ms: number; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stdout.setEncoding('utf8').on('data', (d: string) => { if (/^(Moved|Plan)/m.test(d)) return; stderr += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - started, stderr }));
  });
}

export const gateSection: Section = {
  name: `envguard run with ${COUNT} references: approval gate (approved session) vs no gate`,
  async run(context: BenchContext): Promise<Row[]> {
    if (process.platform !== 'linux') return [{ measure: 'approval gate', value: 'not measured', notes: 'the session scope is read from /proc (Linux)' }];
    const cli = path.join(context.repo, 'dist', 'cli.js');
    // Outside the repository: a project of its own, not part of EnvGuard's checkout.
    const dir = path.join(realpathSync(os.tmpdir()), 'envguard-bench-gate');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const envText = `PORT=3000\n${Array.from({ length: COUNT }, (_, i) => `STRIPE_KEY_${i}=sk_live_${randomBytes(18).toString('hex')}`).join('\n')}\n`;

    // The gate: a passphrase vault, its key agent, and a channel that approves the session once.
    const gatedProject = path.join(dir, 'gated');
    mkdirSync(gatedProject);
    writeFileSync(path.join(gatedProject, '.env'), envText);
    writeFileSync(path.join(gatedProject, '.envguard.json'), '{ "project": "bench-gated" }\n');
    const gatedHome = path.join(dir, 'gated-home');
    await initPassphraseVault(gatedHome, PASSPHRASE);
    const home = realpathSync(gatedHome);
    const gatedEnv = { ENVGUARD_HOME: home, HOME: dir };
    const client = new AgentClient(home, { PATH: process.env.PATH, ...gatedEnv });
    await client.start({ node: process.execPath, cli });
    const human = { asked: 0 }; // counted by the channel, which plays the human
    const channel = await client.openChannel(PASSPHRASE, 'bench', () => { human.asked++; return Promise.resolve('session'); });
    const windowEnv = { ...gatedEnv, ENVGUARD_VSCODE_CHANNEL: channel.credential.id };

    // No gate: an automation vault.
    const plainProject = path.join(dir, 'plain');
    mkdirSync(plainProject);
    writeFileSync(path.join(plainProject, '.env'), envText);
    writeFileSync(path.join(plainProject, '.envguard.json'), '{ "project": "bench-plain" }\n');
    const plainEnv = { ENVGUARD_HOME: path.join(dir, 'plain-home'), ENVGUARD_KEY_STORE: 'automation', HOME: dir };

    try {
      for (const [project, env] of [[gatedProject, windowEnv], [plainProject, plainEnv]] as const) {
        const migrated = await runCli(cli, ['migrate', '--yes'], project, env);
        if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
      }
      const approve = await runCli(cli, ['run', '--', 'true'], gatedProject, windowEnv);
      if (approve.code !== 0 || human.asked !== 1) throw new Error(`the session was not approved: ${approve.stderr}`);

      const gated: number[] = [];
      const plain: number[] = [];
      for (let run = 0; run <= context.runs; run++) {
        const a = await runCli(cli, ['run', '--', 'true'], gatedProject, windowEnv);
        const b = await runCli(cli, ['run', '--', 'true'], plainProject, plainEnv);
        if (a.code !== 0 || b.code !== 0) throw new Error(`a run failed: ${a.stderr}${b.stderr}`);
        if (run > 0) { gated.push(a.ms); plain.push(b.ms); }
      }
      if (human.asked !== 1) throw new Error(`the human was asked ${String(human.asked)} times within one session`);

      // The release step alone, in this process, as the extension releases for a task (its window's credential, the session approved once) vs the store read directly.
      const items = async (vaultHome: string, projectDir: string): Promise<ReleaseItem[]> => {
        const vault = await openLocalVault({ home: vaultHome, env: {}, keyStore: 'automation' }).catch(() => undefined);
        const names = vault ? (await vault.list()).map((s) => s.name) : (await client.request<{ infos: { name: string }[] }>({ op: 'list' })).infos.map((i) => i.name);
        return names.map((name) => ({ key: name, origin: '.env', source: 'local' as const, name, requester: { root: realpathSync(projectDir) } }));
      };
      const gatedItems = await items(home, gatedProject);
      const plainItems = await items(plainEnv.ENVGUARD_HOME, plainProject);
      const agentGate = agentReleaseGate({
        client, clientInfo: () => ({ pid: process.pid, cwd: gatedProject, terminal: false }), ensureUnlocked: () => Promise.resolve(),
        channel: () => Promise.resolve(channel.credential),
      });
      const plainGate = automationReleaseGate(() => openLocalVault({ home: plainEnv.ENVGUARD_HOME, env: {}, keyStore: 'automation' }), () => ProjectRegistry.open(plainEnv.ENVGUARD_HOME));
      const first = await agentGate.release(gatedItems, 'task', 'bench');
      if (!first.ok) throw new Error(`release refused: ${first.message}`);
      const gateSteps: number[] = [];
      const plainSteps: number[] = [];
      for (let run = 0; run <= context.runs * 3; run++) {
        let t = performance.now();
        const a = await agentGate.release(gatedItems, 'task', 'bench');
        const aMs = performance.now() - t;
        t = performance.now();
        const b = await plainGate.release(plainItems, 'run', 'bench');
        const bMs = performance.now() - t;
        if (!a.ok || !b.ok) throw new Error('a release failed');
        if (run > 0) { gateSteps.push(aMs); plainSteps.push(bMs); }
      }
      const added = median(gated) - median(plain);
      const addedStep = median(gateSteps) - median(plainSteps);
      return [
        { measure: 'envguard run, gate (approved session)', value: formatTimings(gated), notes: `passphrase vault through the key agent; the human was asked once for all ${context.runs + 2} runs` },
        { measure: 'envguard run, no gate (automation vault)', value: formatTimings(plain), notes: 'the same 20 references, the CLI reading the store itself' },
        { measure: 'gate cost per run (median difference)', value: `${added.toFixed(1)} ms`, goal: { text: '< 5 ms', met: added < 5 } },
        { measure: 'release step alone: agent vs store read', value: `${median(gateSteps).toFixed(2)} ms vs ${median(plainSteps).toFixed(2)} ms`, notes: `difference ${addedStep.toFixed(2)} ms (socket round trip, /proc chain, session check, release record)` },
      ];
    } finally {
      channel.close();
      await client.request({ op: 'lock' }).catch(() => undefined);
      for (let i = 0; i < 100 && (await client.status()).running; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
