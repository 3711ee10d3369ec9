import { createHash } from 'node:crypto';
import type * as net from 'node:net';
import * as path from 'node:path';
import type { AccessRemedy } from '../project/access';

/**
 * The key agent's protocol: newline-delimited JSON over a Unix socket in the vault's folder (mode
 * 0700, so only the user's processes reach it; a named pipe on Windows). A connection carries one
 * request and its answer, with, in between, the agent's questions to the client (a passphrase typed
 * at the client's terminal). A VS Code window keeps one connection open as an approval channel.
 */
export const AGENT_PROTOCOL = 'envguard-agent/1';
export const AGENT_SOCKET_NAME = 'agent.sock';
/** A line longer than this is refused: a migration writes at most a few thousand values of at most 1 MiB. */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

/** Unix socket paths are limited (108 bytes on Linux, 104 on macOS): a long home gets a short path in the runtime folder. */
export function agentSocketPath(home: string, env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\envguard-agent-${createHash('sha256').update(home.toLowerCase()).digest('hex').slice(0, 16)}`;
  const inHome = path.join(home, AGENT_SOCKET_NAME);
  if (Buffer.byteLength(inHome) < 100) return inHome;
  const runtime = env.XDG_RUNTIME_DIR && path.isAbsolute(env.XDG_RUNTIME_DIR) ? env.XDG_RUNTIME_DIR : `/tmp/envguard-${process.getuid?.() ?? 'user'}`;
  return path.join(runtime, `envguard-agent-${createHash('sha256').update(home).digest('hex').slice(0, 16)}.sock`);
}

/** Who asks, as the client says; the agent reads the truth about `pid` from the OS itself. */
export interface ClientInfo {
  readonly pid: number;
  readonly cwd: string;
  /** Whether the client can ask its human for the passphrase at its controlling terminal. */
  readonly terminal: boolean;
}

/** One value asked for: a secret of the local vault (the agent reads it), or a cloud vault's (the agent only approves). */
export interface ReleaseItem {
  /** The variable it goes to, and where the reference was (for messages). */
  readonly key: string;
  readonly origin: string;
  readonly source: 'local' | 'external';
  /** The local secret's name, or, for an external one, the reference's description ("Azure Key Vault myvault, secret DB"). */
  readonly name: string;
  readonly version?: string;
  /** The project whose file holds the reference (its folder); the local vault releases only to the secret's project. */
  readonly requester?: { readonly root: string; readonly declaredName?: string };
  /** External values: the project and environment of the file, as the client worked them out (local ones are read from the vault). */
  readonly project?: string;
  readonly environment?: string;
}

/**
 * Why the values are wanted: a command run through `envguard run`, a debug launch (F5), a task or the
 * secrets terminal. 'verify' releases nothing: each reference is checked (readable, owned by the
 * asking project) and its value withheld, so no approval is needed. 'reveal' is the editor showing a
 * value to the human (EnvGuard: Reveal Secret Value): asked every time, whatever the policy, and only
 * from a VS Code window's channel. 'delete' is recoverable for 30 days, 'purge' is for good: each
 * asked every time, in its own words. 'export' seals every value of the vault in a file under a passphrase
 * the user chose, 'import' writes an export's values in: both asked every time.
 */
export type ReleasePurpose = 'run' | 'debug-launch' | 'task' | 'terminal' | 'delete' | 'purge' | 'verify' | 'reveal' | 'export' | 'import';

export type AgentRequest =
  | { readonly op: 'status' }
  | { readonly op: 'unlock'; readonly passphrase: string; readonly client: ClientInfo; readonly forNames?: readonly string[] }
  | { readonly op: 'lock' }
  | { readonly op: 'register-channel'; readonly passphrase: string; readonly label: string }
  | { readonly op: 'release'; readonly client: ClientInfo; readonly purpose: ReleasePurpose; readonly items: readonly ReleaseItem[]; readonly channel?: ChannelCredential; readonly label?: string }
  | { readonly op: 'write'; readonly writes: readonly WireWrite[] }
  | { readonly op: 'match'; readonly checks: readonly { name: string; version?: string; value: string }[] }
  | { readonly op: 'list' }
  | { readonly op: 'info'; readonly name: string }
  | { readonly op: 'delete'; readonly name: string; readonly client: ClientInfo }
  | { readonly op: 'recover'; readonly name: string; readonly owner?: string }
  | { readonly op: 'purge'; readonly name: string; readonly client: ClientInfo }
  | { readonly op: 'list-deleted' }
  /** `passphrase`: the one the export is sealed under (the user typed it twice), never the vault's. */
  | { readonly op: 'export'; readonly client: ClientInfo; readonly passphrase: string }
  /**
   * `payload`: the export the command opened (its JSON: whoever holds the file and its passphrase has
   * the values already, so the agent spends no scrypt on a file before an approval); `file` names it.
   */
  | { readonly op: 'import'; readonly client: ClientInfo; readonly file: string; readonly payload: string }
  | { readonly op: 'claim'; readonly names: readonly string[]; readonly owner: string }
  | { readonly op: 'policy'; readonly client: ClientInfo; readonly passphrase: string; readonly project: string; readonly environment: string; readonly policy: string; readonly idleMs?: number; readonly maxMs?: number }
  | { readonly op: 'log'; readonly client: ClientInfo };

/** What a VS Code window proves it is the channel it registered with (kept in its memory only). */
export interface ChannelCredential {
  readonly id: string;
  readonly secret: string;
}

export interface WireWrite {
  readonly name: string;
  readonly value: string;
  readonly options?: { readonly tags?: Readonly<Record<string, string>>; readonly contentType?: string; readonly owner?: string };
}

export interface WireInfo {
  readonly name: string;
  readonly version: string;
  readonly versionNumber?: number;
  readonly createdOn: string;
  readonly enabled: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly contentType?: string;
  readonly owner?: string;
}

/** A deleted secret, as `list-deleted` answers. */
export interface WireDeletedInfo extends WireInfo {
  readonly deletedOn: string;
  readonly purgeOn: string;
}

export interface WireError {
  readonly code: string;
  readonly message: string;
}

export type ReleaseResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string; readonly remedy?: AccessRemedy };

/** The agent's question to a client in the middle of a request. */
export interface PassphraseQuestion {
  readonly ask: 'passphrase';
  readonly prompt: string;
  readonly attempt: number;
}

/** The agent's question to a VS Code channel. */
export interface ApprovalQuestion {
  readonly ask: 'approve';
  readonly id: string;
  readonly request: ApprovalView;
}

/** What a human sees before approving: what asks, for which project, environment and names. */
export interface ApprovalView {
  readonly command: string;
  readonly chain: readonly string[];
  readonly agent?: string;
  readonly purpose: ReleasePurpose;
  readonly scopes: readonly string[];
  readonly names: readonly string[];
  /** Whether "for this session" may be offered (the policy is not every-time, and the session can be told apart). */
  readonly sessionAllowed: boolean;
}

export type ApprovalDecision = 'once' | 'session' | 'deny';

/** Final answers. */
export type AgentResponse =
  | { readonly ok: true; readonly [field: string]: unknown }
  | { readonly ok: false; readonly error: WireError };

/** Reads newline-delimited JSON from a socket, one message at a time. */
export class LineReader {
  /** The start of a line still unfinished, in the pieces it came in (joined once, when its end comes). */
  private partial: string[] = [];
  private partialLength = 0;
  private readonly waiting: ((line: string | undefined) => void)[] = [];
  private readonly lines: string[] = [];
  private ended = false;
  private failure: Error | undefined;

  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      // Only the new chunk is searched for line ends: a long line costs linear time, not quadratic.
      let start = 0;
      let cut: number;
      while ((cut = chunk.indexOf('\n', start)) >= 0) {
        if (this.partialLength + cut - start > MAX_LINE_BYTES) return this.tooLong(socket);
        const line = this.partial.length > 0 ? this.partial.join('') + chunk.slice(start, cut) : chunk.slice(start, cut);
        this.partial = [];
        this.partialLength = 0;
        start = cut + 1;
        const waiter = this.waiting.shift();
        if (waiter) waiter(line);
        else this.lines.push(line);
      }
      if (start < chunk.length) {
        this.partial.push(chunk.slice(start));
        this.partialLength += chunk.length - start;
        if (this.partialLength > MAX_LINE_BYTES) this.tooLong(socket);
      }
    });
    const end = () => {
      this.ended = true;
      for (const waiter of this.waiting.splice(0)) waiter(undefined);
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', (error) => { this.failure ??= error; end(); });
  }

  private tooLong(socket: net.Socket): void {
    this.failure = new Error('a message from the other end is too long');
    this.partial = [];
    this.partialLength = 0;
    socket.destroy();
  }

  /** The next message, or undefined when the other end closed. */
  async next<T>(): Promise<T | undefined> {
    const line = this.lines.shift() ?? (this.ended ? undefined : await new Promise<string | undefined>((resolve) => this.waiting.push(resolve)));
    if (line === undefined) return undefined;
    try {
      return JSON.parse(line) as T;
    } catch {
      throw new Error('the other end sent something that is not a message');
    }
  }

  get error(): Error | undefined {
    return this.failure;
  }
}

export function send(socket: net.Socket, message: unknown): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
}
