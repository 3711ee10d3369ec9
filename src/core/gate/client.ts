import { spawn } from 'node:child_process';
import * as net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { VaultError, type VaultErrorCode } from '../vault/types';
import { agentSocketPath, LineReader, send, type AgentRequest, type ApprovalDecision, type ApprovalQuestion, type ChannelCredential, type PassphraseQuestion } from './protocol';

/** How the key agent is started: `node <envguard cli> agent --home HOME`, detached from its starter. */
export interface AgentLauncher {
  /** The Node.js binary (the extension host's, run as Node) and the CLI script. */
  readonly node: string;
  readonly cli: string;
}

/** Asks the human for the passphrase at the client's own terminal (the CLI), undefined when they decline. */
export type PassphraseAnswerer = (question: PassphraseQuestion) => Promise<string | undefined>;

/** Variables the key agent keeps from its starter: where things are, and limits that can only shorten. */
const AGENT_ENV = ['HOME', 'USERPROFILE', 'APPDATA', 'XDG_DATA_HOME', 'XDG_RUNTIME_DIR', 'ENVGUARD_HOME', 'ENVGUARD_SESSION_IDLE', 'ENVGUARD_SESSION_MAX', 'ENVGUARD_APPROVAL_TIMEOUT', 'PATH', 'SystemRoot'];

/** A client of the key agent of the vault at `home`. Every request is one connection. */
export class AgentClient {
  readonly socketPath: string;

  constructor(readonly home: string, private readonly env: NodeJS.ProcessEnv) {
    this.socketPath = agentSocketPath(home, env);
  }

  /** Whether an agent answers, and whether it holds the key. */
  async status(): Promise<{ running: boolean; unlocked: boolean; sessions?: number; warning?: string }> {
    const socket = await this.connect();
    if (!socket) return { running: false, unlocked: false };
    let answer: { unlocked: boolean; sessions: number; warning?: string };
    try {
      answer = await this.exchange(socket, { op: 'status' });
    } catch (error) {
      // An agent that is stopping hangs up: it is as good as gone.
      if (error instanceof VaultError && error.code === 'unreachable') return { running: false, unlocked: false };
      throw error;
    }
    return { running: true, unlocked: answer.unlocked, sessions: answer.sessions, ...(answer.warning ? { warning: answer.warning } : {}) };
  }

  /** Sends a request; VaultError 'locked' when no agent runs. */
  async request<T>(request: AgentRequest, answerPassphrase?: PassphraseAnswerer): Promise<T> {
    const socket = await this.connect();
    if (!socket) throw new VaultError('locked', 'the local vault is locked (no EnvGuard key agent is running)');
    return this.exchange<T>(socket, request, answerPassphrase);
  }

  /** Starts the key agent (if none runs) and waits until it answers. */
  async start(launcher: AgentLauncher): Promise<void> {
    if (await this.connect().then((s) => { s?.destroy(); return s !== undefined; })) return;
    const env: NodeJS.ProcessEnv = { ELECTRON_RUN_AS_NODE: '1' };
    for (const name of AGENT_ENV) if (this.env[name] !== undefined) env[name] = this.env[name];
    env.ENVGUARD_HOME = this.home;
    const child = spawn(launcher.node, [launcher.cli, 'agent'], { detached: true, stdio: 'ignore', env, windowsHide: true });
    child.unref();
    let exited: number | null | undefined;
    child.once('exit', (code) => { exited = code; });
    child.once('error', () => { exited = -1; });
    for (let waited = 0; waited < 10_000; waited += 50) {
      const socket = await this.connect();
      if (socket) {
        socket.destroy();
        return;
      }
      if (exited !== undefined && exited !== 0) break;
      await delay(50);
    }
    throw new VaultError('unreachable', `the EnvGuard key agent did not start (${launcher.cli} agent${exited !== undefined ? `, exit ${exited}` : ''})`);
  }

  /**
   * Registers this process as an approval channel (a VS Code window), proving the human is there with
   * the passphrase (which also unlocks the agent). The connection stays open: the agent's questions
   * arrive on it and `onAsk`'s decisions go back; `closed` settles when the agent goes away.
   */
  async openChannel(passphrase: string, label: string, onAsk: (question: ApprovalQuestion) => Promise<ApprovalDecision>): Promise<{ credential: ChannelCredential; close: () => void; closed: Promise<void> }> {
    const socket = await this.connect();
    if (!socket) throw new VaultError('locked', 'the local vault is locked (no EnvGuard key agent is running)');
    const reader = new LineReader(socket);
    socket.on('error', () => undefined);
    send(socket, { op: 'register-channel', passphrase, label });
    const first = await reader.next<{ ok?: boolean; channel?: ChannelCredential; error?: { code: string; message: string } }>();
    if (!first?.ok || !first.channel) {
      socket.destroy();
      throw new VaultError(asCode(first?.error?.code), first?.error?.message ?? 'the key agent refused the channel');
    }
    const closed = (async () => {
      for (;;) {
        let message: ApprovalQuestion | undefined;
        try {
          message = await reader.next<ApprovalQuestion>();
        } catch {
          break;
        }
        if (!message) break;
        if (message.ask !== 'approve') continue;
        void onAsk(message).catch((): ApprovalDecision => 'deny').then((decision) => send(socket, { answer: message.id, decision }));
      }
    })();
    return { credential: first.channel, close: () => socket.destroy(), closed };
  }

  private connect(): Promise<net.Socket | undefined> {
    return new Promise((resolve) => {
      const socket = net.connect(this.socketPath);
      socket.once('connect', () => { socket.removeAllListeners('error'); resolve(socket); });
      socket.once('error', () => resolve(undefined));
    });
  }

  private async exchange<T>(socket: net.Socket, request: AgentRequest, answerPassphrase?: PassphraseAnswerer): Promise<T> {
    const reader = new LineReader(socket);
    socket.on('error', () => undefined);
    try {
      send(socket, request);
      for (;;) {
        const message = await reader.next<{ ok?: boolean; error?: { code: string; message: string }; ask?: string } & Record<string, unknown>>();
        if (!message) throw new VaultError('unreachable', `the EnvGuard key agent closed the connection${reader.error ? ` (${reader.error.message})` : ''}`);
        if (message.ask === 'passphrase') {
          const passphrase = answerPassphrase ? await answerPassphrase(message as unknown as PassphraseQuestion) : undefined;
          send(socket, passphrase === undefined ? { cancel: true } : { passphrase });
          continue;
        }
        if (message.ok === true) return message as T;
        throw new VaultError(asCode(message.error?.code), message.error?.message ?? 'the key agent refused');
      }
    } finally {
      socket.destroy();
    }
  }
}

/** The gate's refusals (denied, no channel, no answer, cooling down) reach callers as VaultError 'forbidden' with the gate's text. */
const GATE_CODES = new Set(['denied', 'no-channel', 'timeout', 'cooling-down']);
const VAULT_CODES = new Set<VaultErrorCode>(['not-found', 'conflict', 'deleted', 'unauthenticated', 'forbidden', 'throttled', 'unreachable', 'timeout', 'invalid-name', 'too-large', 'corrupt', 'locked', 'unknown']);

function asCode(code: string | undefined): VaultErrorCode {
  if (code !== undefined && GATE_CODES.has(code)) return 'forbidden';
  return code !== undefined && VAULT_CODES.has(code as VaultErrorCode) ? code as VaultErrorCode : 'unknown';
}
