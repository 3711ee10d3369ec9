import { randomBytes, timingSafeEqual } from 'node:crypto';
import type * as net from 'node:net';
import { PURPOSE_WORDS } from './purposes';
import { send, type ApprovalDecision, type ApprovalView, type ChannelCredential } from './protocol';

/**
 * The ways a human answers, none of which an agent holding a shell can operate:
 * - a VS Code window's modal dialog (the EnvGuard extension keeps a connection to the key agent open,
 *   registered with the passphrase, and answers with the human's click);
 * - the passphrase, typed at the asking command's own terminal (an agent that types "y" into a
 *   terminal does not know it);
 * - the OS's own user-presence prompt (Touch ID, Windows Hello, polkit): see os-presence.ts.
 * A yes/no question in a terminal is not among them: agents hold terminals too.
 */
export class VsCodeChannel {
  readonly id = randomBytes(8).toString('hex');
  private readonly secret = randomBytes(32);
  private readonly pending = new Map<string, (decision: ApprovalDecision) => void>();
  /** One dialog at a time per window: a second request waits for the first answer. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly label: string, private readonly socket: net.Socket) {
    socket.on('close', () => {
      for (const resolve of this.pending.values()) resolve('deny');
      this.pending.clear();
    });
  }

  get credential(): ChannelCredential {
    return { id: this.id, secret: this.secret.toString('base64') };
  }

  close(): void {
    this.socket.destroy();
  }

  get open(): boolean {
    return !this.socket.destroyed;
  }

  proves(credential: ChannelCredential | undefined): boolean {
    if (!credential || credential.id !== this.id || typeof credential.secret !== 'string') return false;
    const given = Buffer.from(credential.secret, 'base64');
    return given.length === this.secret.length && timingSafeEqual(given, this.secret);
  }

  /** Asks the window; 'deny' when it closes, or when no answer comes within `timeoutMs`. */
  ask(view: ApprovalView, timeoutMs: number): Promise<ApprovalDecision | 'timeout'> {
    const run = async (): Promise<ApprovalDecision | 'timeout'> => {
      if (!this.open) return 'deny';
      const id = randomBytes(8).toString('hex');
      let timer: NodeJS.Timeout | undefined;
      const answer = new Promise<ApprovalDecision | 'timeout'>((resolve) => {
        this.pending.set(id, resolve);
        timer = setTimeout(() => { this.pending.delete(id); resolve('timeout'); }, timeoutMs);
      });
      send(this.socket, { ask: 'approve', id, request: view });
      try {
        return await answer;
      } finally {
        clearTimeout(timer);
        this.pending.delete(id);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** An answer the window sent; ignored unless it answers a question asked. */
  answer(id: unknown, decision: unknown): void {
    if (typeof id !== 'string') return;
    const resolve = this.pending.get(id);
    if (!resolve) return;
    resolve(decision === 'once' || decision === 'session' ? decision : 'deny');
  }
}

/** Who asks, in the dialog's title: what kind of release, and the AI agent it runs under (the detail names the command). */
export function approvalSubject(view: Pick<ApprovalView, 'purpose' | 'agent'>): string {
  const what = PURPOSE_WORDS[view.purpose].subject;
  return view.agent ? `${what} under ${view.agent.split(' (')[0]!}` : what;
}
