import type { ApprovalPolicy } from '../config/project-config';
import type { RecognisedAgent } from './ai-agents';
import type { VsCodeChannel } from './channels';
import type { ApprovalView, ReleasePurpose } from './protocol';
import { PURPOSE_WORDS } from './purposes';
import type { ReleaseRecord } from './release-log';
import type { SessionTable } from './sessions';

/** Everything the gate weighs for one request, read by the key agent (never taken on the client's word but the pid). */
export interface GateRequest {
  readonly purpose: ReleasePurpose;
  readonly names: readonly string[];
  /** `project/environment` of every name. */
  readonly scopes: readonly string[];
  /** The strictest policy over the scopes. */
  readonly policy: ApprovalPolicy;
  /** What the human sees: the command line and its parents, with the values about to be released masked. */
  readonly command: string;
  readonly chain: readonly string[];
  /**
   * What the record of a denial keeps: masked without looking at the values (secret-looking words),
   * so a refused request's record cannot tell its asker whether a word on its command line was a
   * value. (An approved one is recorded as the human saw it: its asker receives the values anyway.)
   */
  readonly loggedCommand: string;
  readonly loggedChain: readonly string[];
  readonly pid: number;
  readonly agent?: RecognisedAgent;
  /** Where a session approval applies (a terminal, a VS Code window's tasks…); undefined where none can be told apart. */
  readonly sessionScope?: string;
  /**
   * Where a denial holds back the same request for a while: the session, or for a request that has
   * none (a detached process, a runner without a session) everything without one that asks in the
   * same place, so a loop of new processes cannot raise prompt after prompt. Defaults to the session.
   */
  readonly denialScope?: string;
  /** The VS Code window the request comes from itself, proven by its channel credential (F5, tasks, the secrets terminal). */
  readonly fromChannel?: VsCodeChannel;
  /** The VS Code window whose terminal the command runs in (ENVGUARD_VSCODE_CHANNEL in its environment). */
  readonly inChannel?: VsCodeChannel;
  /** The client can ask for the passphrase at its terminal. */
  readonly terminal: boolean;
  /** The human just typed the passphrase at this process's terminal to unlock the vault for these very names. */
  readonly unlockedForIt?: boolean;
}

export type GateDecision =
  | { readonly approved: true; readonly channel: NonNullable<ReleaseRecord['channel']>; readonly scope: 'once' | 'session' }
  | { readonly approved: false; readonly code: 'denied' | 'no-channel' | 'timeout' | 'cooling-down'; readonly message: string };

export interface GateDeps {
  readonly sessions: SessionTable;
  readonly timeoutMs: number;
  /** True when the passphrase is the vault's (checked against the key held, not the file on disk now). */
  readonly verifyPassphrase: (passphrase: string) => Promise<boolean>;
  /** Records an approval or a denial before anything is released. */
  readonly record: (record: ReleaseRecord) => Promise<void>;
}

/** How many passphrase tries one request gets, as sudo gives three. */
const PASSPHRASE_TRIES = 3;
/** After a wrong passphrase: slows guessing, as login prompts do. */
const WRONG_PASSPHRASE_DELAY_MS = 1000;

export const NO_CHANNEL_HELP = 'No human can be asked to approve it: this command has no terminal and does not run in VS Code with the EnvGuard extension. '
  + 'Run it yourself in a terminal (EnvGuard asks for your passphrase there), or in a VS Code terminal (EnvGuard asks in a dialog).';

/**
 * Decides whether a release may happen, asking a human through a channel when it must. One prompt
 * at a time for the same request (a loop that repeats a request waits on the first prompt instead of
 * opening new ones), and none at all during a denial's cool-down.
 */
export class ApprovalGate {
  private readonly pending = new Map<string, Promise<GateDecision>>();

  constructor(private readonly deps: GateDeps) {}

  async decide(request: GateRequest, askPassphrase: (prompt: string, attempt: number) => Promise<string | undefined>): Promise<GateDecision> {
    if (request.policy === 'none') return { approved: true, channel: 'policy', scope: 'once' };
    // F5 is the user's own click in the editor: a debug launch the extension asks for itself needs no other.
    if (request.purpose === 'debug-launch' && request.fromChannel) return { approved: true, channel: 'debug-launch', scope: 'once' };
    const scope = request.sessionScope;
    if (request.policy === 'session' && scope !== undefined && this.deps.sessions.covers(scope, request.scopes)) {
      return { approved: true, channel: 'session', scope: 'session' };
    }
    const denialScope = request.denialScope ?? scope;
    if (denialScope !== undefined) {
      const left = this.deps.sessions.coolingDown(denialScope);
      if (left > 0) return { approved: false, code: 'cooling-down', message: `a release here was denied moments ago; EnvGuard does not ask again for ${Math.ceil(left / 1000)} s` };
    }
    // Requests share a prompt only where one approval would cover them all: never across processes under `every-time`.
    const key = `${request.policy === 'session' && scope !== undefined ? scope : `pid:${request.pid}`}\n${request.purpose}\n${request.names.join('\0')}`;
    let decision = this.pending.get(key);
    if (!decision) {
      decision = this.ask(request, askPassphrase).finally(() => this.pending.delete(key));
      this.pending.set(key, decision);
    }
    return decision;
  }

  private async ask(request: GateRequest, askPassphrase: (prompt: string, attempt: number) => Promise<string | undefined>): Promise<GateDecision> {
    const sessionAllowed = request.policy === 'session' && request.sessionScope !== undefined;
    const channel = request.fromChannel ?? request.inChannel;
    let decision: GateDecision;
    if (request.unlockedForIt) {
      decision = { approved: true, channel: 'passphrase', scope: sessionAllowed ? 'session' : 'once' };
    } else if (channel?.open) {
      const view: ApprovalView = {
        command: request.command, chain: request.chain, purpose: request.purpose, scopes: request.scopes, names: request.names, sessionAllowed,
        ...(request.agent ? { agent: `${request.agent.name} (${request.agent.evidence})` } : {}),
      };
      const answer = await channel.ask(view, this.deps.timeoutMs);
      if (answer === 'timeout') decision = { approved: false, code: 'timeout', message: `nobody answered EnvGuard's dialog in VS Code within ${Math.round(this.deps.timeoutMs / 1000)} s` };
      else if (answer === 'deny') decision = { approved: false, code: 'denied', message: 'you denied it in VS Code' };
      else decision = { approved: true, channel: 'vscode', scope: answer === 'session' && sessionAllowed ? 'session' : 'once' };
    } else if (request.terminal) {
      decision = await this.askAtTerminal(request, sessionAllowed, askPassphrase);
    } else {
      decision = { approved: false, code: 'no-channel', message: NO_CHANNEL_HELP };
    }
    await this.deps.record({
      event: decision.approved ? 'approved' : 'denied', names: request.names, scopes: request.scopes,
      requester: { pid: request.pid, command: decision.approved ? request.command : request.loggedCommand, chain: decision.approved ? request.chain : request.loggedChain, purpose: request.purpose, ...(request.agent ? { agent: request.agent.name } : {}) },
      ...(decision.approved ? { channel: decision.channel, scope: decision.scope } : { reason: decision.message }),
    });
    if (decision.approved && decision.scope === 'session' && request.sessionScope !== undefined) this.deps.sessions.grant(request.sessionScope, request.scopes);
    const denialScope = request.denialScope ?? request.sessionScope;
    if (!decision.approved && decision.code === 'denied' && denialScope !== undefined) this.deps.sessions.deny(denialScope);
    return decision;
  }

  private async askAtTerminal(request: GateRequest, sessionAllowed: boolean, askPassphrase: (prompt: string, attempt: number) => Promise<string | undefined>): Promise<GateDecision> {
    const prompt = terminalPrompt(request, sessionAllowed);
    for (let attempt = 1; attempt <= PASSPHRASE_TRIES; attempt++) {
      const passphrase = await askPassphrase(prompt, attempt);
      if (passphrase === undefined || passphrase === '') return { approved: false, code: 'denied', message: 'no passphrase was given' };
      if (await this.deps.verifyPassphrase(passphrase)) return { approved: true, channel: 'passphrase', scope: sessionAllowed ? 'session' : 'once' };
      await new Promise((resolve) => setTimeout(resolve, WRONG_PASSPHRASE_DELAY_MS));
    }
    return { approved: false, code: 'denied', message: `the passphrase was wrong ${PASSPHRASE_TRIES} times` };
  }
}

/** What the terminal shows before the passphrase: the same facts as the VS Code dialog. */
export function terminalPrompt(request: GateRequest, sessionAllowed: boolean): string {
  const what = PURPOSE_WORDS[request.purpose].terminal;
  return [
    `EnvGuard: approve to ${what} ${request.names.length} secret${request.names.length === 1 ? '' : 's'} (${request.names.join(', ')})`,
    `  for ${request.scopes.join(', ')}`,
    `  to: ${request.command}`,
    ...(request.agent ? [`  running under the AI agent ${request.agent.name} (${request.agent.evidence})`] : []),
    `  ${sessionAllowed ? 'Approval lasts for this terminal session.' : 'Approval is for this time only.'} Type your EnvGuard passphrase to approve, or press Enter to deny.`,
  ].join('\n');
}
