import { timingSafeEqual } from 'node:crypto';
import { mkdir, unlink } from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import { ProjectRegistry } from '../project/registry';
import { openLocalVault, type LocalVault } from '../vault/local/local-vault';
import { assertPrivate } from '../vault/local/home';
import { keyIdOf } from '../vault/local/crypto';
import { readWrappedKey, unwrapKey, type WrappedKey } from '../vault/local/wrapped-key';
import { checkNewPassphrase, inspectVaultHome } from '../vault/local/setup';
import { describeImport, importLocalVault, parseExportPayload, prepareExport, scopeOfTags, sealVaultExport } from '../vault/local/transfer';
import { VaultError, type SecretInfo } from '../vault/types';
import { ApprovalGate } from './approval';
import { gateKey } from './derived-keys';
import { VsCodeChannel } from './channels';
import { APPROVAL_POLICIES, type ApprovalPolicy } from '../config/project-config';
import { isLooser, readUserPolicies, userPolicyFor, withRule, writeUserPolicies, type UserPolicies } from './policy';
import { agentSocketPath, LineReader, send, type AgentRequest, type AgentResponse, type ClientInfo, type ReleaseItem, type ReleasePurpose, type WireInfo } from './protocol';
import { MatchBudget } from './match-budget';
import { denialScopeOf, inspectRequester, maskValueLike, maskValues, policyOf, readRequestedItems, sessionScopeOf } from './release-request';
import { readReleaseLog, ReleaseLog, type ReleaseRecord } from './release-log';
import { DEFAULT_SESSION_LIMITS, parseDuration, SessionTable, type SessionLimits } from './sessions';

export interface KeyAgentOptions {
  /** The vault folder, resolved. */
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  /** Called once the agent has stopped (locked, idle, at its maximum, or told to). */
  readonly onStop?: () => void;
}

/** An agent started and never unlocked does not linger. */
const UNLOCK_WITHIN_MS = 60_000;
const DEFAULT_APPROVAL_TIMEOUT_MS = 120_000;
const WRONG_PASSPHRASE_DELAY_MS = 1000;

/**
 * The per-user key agent: the one process that holds the vault key unwrapped, in memory, while
 * unlocked. It answers only on a socket in the vault's private folder, and releases a value only
 * after the gate approved (approval.ts). It locks (forgets the key, ends every session, exits) when
 * told to, after the idle time without a request, and at the maximum after the unlock.
 */
export class KeyAgent {
  private server: net.Server | undefined;
  private key: Buffer | undefined;
  private wrapped: WrappedKey | undefined;
  private vault: LocalVault | undefined;
  private log: ReleaseLog | undefined;
  private policies: UserPolicies = { rules: [] };
  private policyProblem: string | undefined;
  private sessions: SessionTable;
  private limits: SessionLimits;
  private gate: ApprovalGate;
  private readonly channels = new Map<string, VsCodeChannel>();
  private readonly matchBudget = new MatchBudget();
  private idleTimer: NodeJS.Timeout | undefined;
  private maxTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The release the human unlocked the vault for, at its terminal: approved without asking again (for a minute). */
  private unlockIntent: { pid: number; names: ReadonlySet<string>; until: number } | undefined;
  readonly socketPath: string;
  private readonly timeoutMs: number;

  private constructor(private readonly options: KeyAgentOptions) {
    this.socketPath = agentSocketPath(options.home, options.env);
    this.limits = this.limitsWith({ rules: [] });
    this.sessions = new SessionTable(this.limits);
    this.timeoutMs = Math.min(DEFAULT_APPROVAL_TIMEOUT_MS, parseDuration(options.env.ENVGUARD_APPROVAL_TIMEOUT) ?? Infinity);
    this.gate = this.makeGate();
  }

  /** Starts listening; 'running' when another agent already answers on the socket (it is left alone). */
  static async start(options: KeyAgentOptions): Promise<KeyAgent | 'running'> {
    const agent = new KeyAgent(options);
    if (await answers(agent.socketPath)) return 'running';
    const folder = path.dirname(agent.socketPath);
    if (process.platform !== 'win32') {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await assertPrivate(folder, 'folder');
      await unlink(agent.socketPath).catch(() => undefined);
    }
    const server = net.createServer((socket) => { void agent.serve(socket); });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(agent.socketPath, () => { server.off('error', reject); resolve(); });
    });
    agent.server = server;
    agent.idleTimer = setTimeout(() => { void agent.stop('it was not unlocked'); }, UNLOCK_WITHIN_MS);
    return agent;
  }

  get unlocked(): boolean {
    return this.key !== undefined;
  }

  async stop(reason: string): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.idleTimer);
    clearTimeout(this.maxTimer);
    if (this.log) await this.log.append({ event: 'locked', reason, names: [] }).catch(() => undefined);
    this.sessions.revokeAll();
    this.key?.fill(0);
    this.key = undefined;
    this.vault = undefined;
    // Channels first: the server closes only once every connection has ended.
    for (const channel of this.channels.values()) channel.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    if (process.platform !== 'win32') await unlink(this.socketPath).catch(() => undefined);
    this.options.onStop?.();
  }

  private makeGate(): ApprovalGate {
    return new ApprovalGate({
      sessions: this.sessions,
      timeoutMs: this.timeoutMs,
      verifyPassphrase: (passphrase) => this.verifyPassphrase(passphrase),
      record: (record) => this.record(record),
    });
  }

  /** Session limits: the user's (approval.json), made shorter (never longer) by ENVGUARD_SESSION_IDLE and ENVGUARD_SESSION_MAX. */
  private limitsWith(policies: UserPolicies): SessionLimits {
    const env = this.options.env;
    return {
      idleMs: Math.min(policies.idleMs ?? DEFAULT_SESSION_LIMITS.idleMs, parseDuration(env.ENVGUARD_SESSION_IDLE) ?? Infinity),
      maxMs: Math.min(policies.maxMs ?? DEFAULT_SESSION_LIMITS.maxMs, parseDuration(env.ENVGUARD_SESSION_MAX) ?? Infinity),
    };
  }

  private touch(): void {
    if (!this.key) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => { void this.stop('idle'); }, this.limits.idleMs);
  }

  private async record(record: ReleaseRecord): Promise<void> {
    if (!this.log) throw new VaultError('locked', 'the key agent is locked');
    await this.log.append(record);
  }

  private async serve(socket: net.Socket): Promise<void> {
    const reader = new LineReader(socket);
    socket.on('error', () => undefined);
    let request: AgentRequest | undefined;
    try {
      request = await reader.next<AgentRequest>();
    } catch {
      socket.destroy();
      return;
    }
    if (!request || typeof request !== 'object') {
      socket.destroy();
      return;
    }
    try {
      const response = await this.dispatch(request, socket, reader);
      if (response) {
        send(socket, response);
        socket.end();
      }
    } catch (error) {
      const code = error instanceof VaultError ? error.code : 'unknown';
      const message = error instanceof Error ? error.message : 'the key agent failed';
      send(socket, { ok: false, error: { code, message } } satisfies AgentResponse);
      socket.end();
    }
  }

  private async dispatch(request: AgentRequest, socket: net.Socket, reader: LineReader): Promise<AgentResponse | undefined> {
    if (request.op === 'status') {
      return {
        ok: true, unlocked: this.unlocked, pid: process.pid, sessions: this.sessions.size, channels: this.channels.size,
        ...(this.unlocked ? { rules: this.policies.rules, limits: this.limits } : {}),
        ...(this.policyProblem ? { warning: this.policyProblem } : {}),
      };
    }
    if (request.op === 'lock') {
      const revoked = this.sessions.size;
      setImmediate(() => { void this.stop('envguard lock'); });
      return { ok: true, revoked };
    }
    if (request.op === 'unlock') {
      await this.unlockWith(request.passphrase);
      if (request.client?.terminal === true && Array.isArray(request.forNames) && typeof request.client.pid === 'number') {
        this.unlockIntent = { pid: request.client.pid, names: new Set(request.forNames.map(String)), until: Date.now() + 60_000 };
      }
      return { ok: true, ...(this.policyProblem ? { warning: this.policyProblem } : {}) };
    }
    if (request.op === 'register-channel') {
      await this.unlockWith(request.passphrase);
      const channel = new VsCodeChannel(String(request.label).slice(0, 80), socket);
      this.channels.set(channel.id, channel);
      socket.on('close', () => this.channels.delete(channel.id));
      send(socket, { ok: true, channel: channel.credential });
      void this.readChannelAnswers(channel, reader);
      return undefined;
    }
    const vault = this.vault;
    if (!vault || !this.key) throw new VaultError('locked', 'the local vault is locked');
    this.touch();
    switch (request.op) {
      case 'release': return this.release(vault, request.client, request.purpose, request.items, request.channel, socket, reader, request.label);
      case 'write': {
        const infos = await vault.setMany(request.writes);
        return { ok: true, infos: infos.map(toWire) };
      }
      case 'match': {
        // "Same or not" answers no value, but unlimited answers would let a process test guesses.
        this.matchBudget.spend(request.checks.map((c) => c.name));
        const answers = await vault.matchMany(request.checks);
        return { ok: true, answers: answers.map((a) => (a instanceof VaultError ? { error: { code: a.code, message: a.message } } : { info: toWire(a.info), same: a.same })) };
      }
      case 'list': return { ok: true, infos: (await vault.list()).map(toWire) };
      case 'info': {
        const info = await vault.info(request.name);
        return { ok: true, ...(info ? { info: toWire(info) } : {}) };
      }
      case 'claim': {
        const registry = await ProjectRegistry.open(this.options.home);
        return { ok: true, ...(await vault.claim(request.names, request.owner, (id) => registry.byId(id) !== undefined)) };
      }
      case 'delete': return this.remove(vault, request.name, request.client, socket, reader);
      case 'purge': return this.remove(vault, request.name, request.client, socket, reader, 'purge');
      case 'recover': {
        // No owner named, no owned secret back: another project's deliberate delete is not undone by a process asking anonymously.
        await vault.recover(request.name, typeof request.owner === 'string' ? { owner: request.owner } : {});
        return { ok: true };
      }
      case 'export': return this.exportVault(vault, request, socket, reader);
      case 'import': return this.importVault(vault, request, socket, reader);
      case 'list-deleted': return { ok: true, infos: (await vault.listDeleted()).map((d) => ({ ...toWire(d), deletedOn: d.deletedOn.toISOString(), purgeOn: d.purgeOn.toISOString() })) };
      case 'policy': return this.setPolicy(request);
      case 'log': {
        const { records, broken } = await readReleaseLog(this.options.home, gateKey(this.key, 'release log'));
        return { ok: true, records, ...(broken ? { broken } : {}) };
      }
      default: throw new VaultError('unknown', `unknown request ${JSON.stringify((request as { op?: unknown }).op)}`);
    }
  }

  private async unlockWith(passphrase: unknown): Promise<void> {
    if (typeof passphrase !== 'string' || passphrase === '') throw new VaultError('unauthenticated', 'no passphrase was given');
    if (this.key) {
      if (!(await this.verifyPassphrase(passphrase))) {
        await delay(WRONG_PASSPHRASE_DELAY_MS);
        throw new VaultError('unauthenticated', 'the passphrase is wrong');
      }
      return;
    }
    const home = this.options.home;
    const wrapped = await readWrappedKey(home);
    if (!wrapped) throw new VaultError('locked', await notSetUpHelp(home));
    const key = await unwrapKey(wrapped, passphrase);
    if (!key) {
      await delay(WRONG_PASSPHRASE_DELAY_MS);
      throw new VaultError('unauthenticated', 'the passphrase is wrong');
    }
    this.vault = await openLocalVault({ home, env: this.options.env, key });
    this.key = key;
    this.wrapped = wrapped;
    this.log = new ReleaseLog(home, gateKey(key, 'release log'), true);
    const loaded = await readUserPolicies(home, key);
    this.policies = loaded.policies;
    this.policyProblem = loaded.problem;
    this.limits = this.limitsWith(loaded.policies);
    this.sessions = new SessionTable(this.limits);
    this.gate = this.makeGate();
    await this.log.append({ event: 'unlocked', names: [], ...(loaded.problem ? { reason: loaded.problem } : {}) });
    clearTimeout(this.maxTimer);
    this.maxTimer = setTimeout(() => { void this.stop('maximum unlock time reached'); }, this.limits.maxMs);
    this.touch();
  }

  /** Against the wrapped key read at unlock and the key held: a wrapped key an agent put on disk since proves nothing. */
  private async verifyPassphrase(passphrase: string): Promise<boolean> {
    if (!this.key || !this.wrapped) return false;
    const key = await unwrapKey(this.wrapped, passphrase);
    const same = key !== undefined && timingSafeEqual(Buffer.from(keyIdOf(key)), Buffer.from(keyIdOf(this.key)));
    key?.fill(0);
    return same;
  }

  private async readChannelAnswers(channel: VsCodeChannel, reader: LineReader): Promise<void> {
    for (;;) {
      let message: { answer?: unknown; decision?: unknown } | undefined;
      try {
        message = await reader.next();
      } catch {
        return;
      }
      if (!message) return;
      channel.answer(message.answer, message.decision);
    }
  }

  private async release(vault: LocalVault, client: ClientInfo, purpose: ReleasePurpose, items: readonly ReleaseItem[], credential: { id: string; secret: string } | undefined, socket: net.Socket, reader: LineReader, label: string | undefined): Promise<AgentResponse> {
    // Checked as unknown: Array.isArray would widen a readonly array to any[].
    const raw: unknown = items;
    if (!Array.isArray(raw) || typeof client?.pid !== 'number') throw new VaultError('unknown', 'a release names the asking process and its items');
    const fromChannel = credential ? this.channels.get(credential.id) : undefined;
    if (credential && !fromChannel?.proves(credential)) throw new VaultError('unauthenticated', 'the VS Code window that asked is no longer connected to the key agent; try again');
    // A reveal shows a value on the screen: only a VS Code window (its channel's credential) asks for one. A
    // process calling itself a reveal would get the value under a dialog that reads as "show it to me".
    if (purpose === 'reveal' && !fromChannel) throw new VaultError('forbidden', 'only a VS Code window asks to reveal a value (EnvGuard: Reveal Secret Value); this request came from elsewhere and was refused');
    const requesting = await inspectRequester(client, fromChannel ? label : undefined);
    const read = await readRequestedItems(vault, await ProjectRegistry.open(this.options.home), items);
    const releasable = items.flatMap((item, i) => (read.results[i]!.ok ? [{ item, i }] : []));
    if (purpose === 'verify') return { ok: true, results: read.results.map((r) => (r.ok ? { ok: true, value: '' } : r)) };
    if (releasable.length === 0) return { ok: true, results: read.results };
    const values = releasable.flatMap(({ i }) => { const r = read.results[i]!; return r.ok && r.value !== '' ? [r.value] : []; });
    const scopes = [...new Set(releasable.map(({ i }) => read.scopes[i]!))];
    const names = releasable.map(({ item }) => item.name);
    // A reveal shows the value to whoever is at the screen: asked each time, never covered by a session.
    const policy = purpose === 'reveal' ? 'every-time' : await policyOf(scopes, this.policies, items.flatMap((item) => (item.requester ? [item.requester.root] : [])));
    const windowScope = fromChannel ? `vscode-window:${fromChannel.id}/${purpose}` : undefined;
    const intent = this.unlockIntent;
    const unlockedForIt = !fromChannel && intent !== undefined && intent.pid === client.pid && Date.now() < intent.until && names.every((n) => intent.names.has(n));
    if (unlockedForIt) this.unlockIntent = undefined;
    const decision = await this.gate.decide({
      purpose, names, scopes, policy, pid: client.pid,
      command: maskValues(requesting.command, values),
      chain: requesting.chainText.map((c) => maskValues(c, values)),
      loggedCommand: maskValueLike(requesting.command),
      loggedChain: requesting.chainText.map(maskValueLike),
      ...(requesting.agent ? { agent: requesting.agent } : {}),
      ...(sessionScopeOf(requesting, windowScope) !== undefined ? { sessionScope: sessionScopeOf(requesting, windowScope)! } : {}),
      denialScope: denialScopeOf(requesting, windowScope),
      ...(fromChannel ? { fromChannel } : {}),
      ...(requesting.vscodeChannelId && this.channels.get(requesting.vscodeChannelId) ? { inChannel: this.channels.get(requesting.vscodeChannelId)! } : {}),
      terminal: client.terminal === true, unlockedForIt,
    }, (prompt, attempt) => this.askPassphrase(socket, reader, prompt, attempt));
    if (!decision.approved) return { ok: false, error: { code: decision.code, message: decision.message } };
    await this.record({
      event: 'released', names, scopes, vault: vault.displayName, channel: decision.channel, scope: decision.scope,
      requester: { pid: client.pid, command: maskValues(requesting.command, values), purpose, ...(requesting.agent ? { agent: requesting.agent.name } : {}) },
    });
    return { ok: true, results: read.results, ...(requesting.agent ? { agent: requesting.agent.name } : {}), scope: decision.scope, channel: decision.channel };
  }

  /** Deleting (recoverable) and purging (for good) both ask a human every time. */
  private async remove(vault: LocalVault, name: string, client: ClientInfo, socket: net.Socket, reader: LineReader, how: 'delete' | 'purge' = 'delete'): Promise<AgentResponse> {
    const info = how === 'delete' ? await vault.info(name) : (await vault.listDeleted()).find((d) => d.name === name);
    if (!info) throw new VaultError('not-found', how === 'delete' ? `secret ${name} is not in the ${vault.displayName}` : `no deleted secret ${name} in the ${vault.displayName}`);
    const decision = await this.askEveryTime(client, how, [name], [scopeOfTags(info.tags)], socket, reader);
    if (!decision.approved) return { ok: false, error: { code: decision.code, message: decision.message } };
    await (how === 'delete' ? vault.delete(name) : vault.purge(name));
    return { ok: true };
  }

  /**
   * Every value of the vault, sealed under the passphrase the user chose for the file: asked every
   * time, whatever the policy (it is all of them at once), and recorded as a release. Refused outright
   * under a recognised AI agent: it knows the file's passphrase, so one approval would hand it everything.
   */
  private async exportVault(vault: LocalVault, request: Extract<AgentRequest, { op: 'export' }>, socket: net.Socket, reader: LineReader): Promise<AgentResponse> {
    const weak = typeof request.passphrase === 'string' ? checkNewPassphrase(request.passphrase) : 'no passphrase was given';
    if (weak) throw new VaultError('unknown', `the export's passphrase: ${weak}`);
    const requesting = await this.refuseUnderAgent(request.client, 'export');
    const { data, summary } = await prepareExport(vault, await ProjectRegistry.open(this.options.home));
    if (summary.names.length > 0) {
      const decision = await this.askEveryTime(request.client, 'export', summary.names, summary.scopes, socket, reader);
      if (!decision.approved) return { ok: false, error: { code: decision.code, message: decision.message } };
      await this.record({
        event: 'released', names: summary.names, scopes: summary.scopes, vault: vault.displayName, channel: decision.channel, scope: decision.scope,
        requester: { pid: request.client.pid, command: maskValueLike(requesting.command), purpose: 'export' },
      });
    }
    const sealed = await sealVaultExport(data, request.passphrase);
    return { ok: true, data: Buffer.from(sealed).toString('base64'), names: summary.names, versions: summary.versions };
  }

  /**
   * An export's values written in (the command opened the file; checked again here): asked every time,
   * as it changes what projects get; refused under a recognised AI agent; recorded.
   */
  private async importVault(vault: LocalVault, request: Extract<AgentRequest, { op: 'import' }>, socket: net.Socket, reader: LineReader): Promise<AgentResponse> {
    if (typeof request.payload !== 'string') throw new VaultError('unknown', 'an import carries the opened export');
    const file = typeof request.file === 'string' ? request.file.slice(0, 300) : 'the export file';
    const requesting = await this.refuseUnderAgent(request.client, 'import');
    const data = parseExportPayload(request.payload, file);
    const { names, scopes } = describeImport(data);
    if (names.length === 0) return { ok: true, secrets: [], projects: [] };
    const decision = await this.askEveryTime(request.client, 'import', names, scopes, socket, reader);
    if (!decision.approved) return { ok: false, error: { code: decision.code, message: decision.message } };
    const report = await importLocalVault(vault, await ProjectRegistry.open(this.options.home), data);
    const written = report.secrets.filter((s) => s.result === 'added' || s.result === 'updated').map((s) => s.name);
    await this.record({
      event: 'imported', names: written, scopes, vault: vault.displayName, channel: decision.channel, scope: decision.scope,
      requester: { pid: request.client.pid, command: maskValueLike(requesting.command), purpose: 'import' },
    });
    return { ok: true, ...report };
  }

  /** The asking process, unless a recognised AI agent runs it: then refused, and the refusal recorded. */
  private async refuseUnderAgent(client: ClientInfo, purpose: 'export' | 'import') {
    const requesting = await inspectRequester(client);
    if (requesting.agent) {
      const reason = `a vault ${purpose} was asked from under the AI agent ${requesting.agent.name}: an ${purpose} moves every value at once, so only you run it, in a terminal of your own`;
      await this.record({ event: 'refused', requester: { pid: client.pid, command: maskValueLike(requesting.command), purpose, agent: requesting.agent.name }, reason });
      throw new VaultError('forbidden', reason);
    }
    return requesting;
  }

  /** A human's approval, whatever the policy: for what destroys, or carries everything out or in. */
  private async askEveryTime(client: ClientInfo, purpose: ReleasePurpose, names: string[], scopes: string[], socket: net.Socket, reader: LineReader) {
    const requesting = await inspectRequester(client);
    return this.gate.decide({
      purpose, names, scopes, policy: 'every-time', pid: client.pid,
      command: requesting.command, chain: requesting.chainText, terminal: client.terminal === true,
      loggedCommand: maskValueLike(requesting.command), loggedChain: requesting.chainText.map(maskValueLike),
      ...(requesting.agent ? { agent: requesting.agent } : {}),
      ...(requesting.vscodeChannelId && this.channels.get(requesting.vscodeChannelId) ? { inChannel: this.channels.get(requesting.vscodeChannelId)! } : {}),
    }, (prompt, attempt) => this.askPassphrase(socket, reader, prompt, attempt));
  }

  /** Changing a policy always takes the passphrase; the record says who changed what. */
  private async setPolicy(request: Extract<AgentRequest, { op: 'policy' }>): Promise<AgentResponse> {
    if (!(APPROVAL_POLICIES as readonly string[]).includes(request.policy)) throw new VaultError('unknown', `a policy is one of ${APPROVAL_POLICIES.join(', ')}`);
    if (!(await this.verifyPassphrase(request.passphrase))) {
      await delay(WRONG_PASSPHRASE_DELAY_MS);
      throw new VaultError('unauthenticated', 'the passphrase is wrong; the policy was not changed');
    }
    const policy = request.policy as ApprovalPolicy;
    const before = userPolicyFor(this.policies, request.project, request.environment);
    let next = withRule(this.policies, { project: request.project, environment: request.environment, policy });
    if (request.idleMs !== undefined || request.maxMs !== undefined) {
      next = { ...next, ...(request.idleMs !== undefined ? { idleMs: request.idleMs } : {}), ...(request.maxMs !== undefined ? { maxMs: request.maxMs } : {}) };
    }
    await writeUserPolicies(this.options.home, this.key!, next);
    this.policies = next;
    this.policyProblem = undefined;
    const requesting = await inspectRequester(request.client);
    await this.record({ event: 'policy-changed', scopes: [`${request.project}/${request.environment}`], reason: `${before} → ${policy}${isLooser(policy, before) ? ' (looser)' : ''}`, requester: { pid: request.client.pid, command: requesting.command } });
    return { ok: true, before, after: policy };
  }

  private async askPassphrase(socket: net.Socket, reader: LineReader, prompt: string, attempt: number): Promise<string | undefined> {
    send(socket, { ask: 'passphrase', prompt, attempt });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), this.timeoutMs); });
    try {
      const reply = await Promise.race([reader.next<{ passphrase?: unknown }>().catch(() => undefined), timeout]);
      return typeof reply?.passphrase === 'string' ? reply.passphrase : undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Why a vault without a wrapped key cannot be unlocked, and the one command that fixes it. */
export async function notSetUpHelp(home: string): Promise<string> {
  const state = await inspectVaultHome(home);
  if (state.keyFile || state.secrets > 0) {
    return `the local vault in ${home} keeps its key where any program of yours can read it (an older EnvGuard's key file or OS keychain entry): run envguard vault protect in a terminal to wrap it with a passphrase`;
  }
  return `the local vault in ${home} has no passphrase yet: run envguard vault init in a terminal`;
}

function toWire(info: SecretInfo): WireInfo {
  return { ...info, createdOn: info.createdOn.toISOString() };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True when something answers on the socket (another agent). */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}
