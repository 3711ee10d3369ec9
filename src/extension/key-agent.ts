import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AgentClient, approvalSubject, notSetUpHelp, PURPOSE_WORDS, VSCODE_CHANNEL_VARIABLE, type AgentAccess, type ApprovalDecision, type ApprovalView, type ChannelCredential } from '../core/gate';
import { VaultError } from '../core/vault/types';
import { readWrappedKey } from '../core/vault/local/wrapped-key';
import { checkNewPassphrase, initPassphraseVault, inspectVaultHome } from '../core/vault/local/setup';
import type { Log } from './log';

interface OpenChannel {
  readonly credential: ChannelCredential;
  readonly close: () => void;
}

/**
 * The extension's side of the key agent. This window is an approval channel: it unlocks the agent
 * with the passphrase typed in VS Code's password box, keeps a connection open, and answers the
 * agent's questions with a modal dialog (an agent in a terminal cannot click it). Its terminals
 * carry ENVGUARD_VSCODE_CHANNEL, so `envguard run` in them is asked about here. Its own releases
 * (F5, tasks, the secrets terminal) prove they are this window's with the channel's credential.
 */
export class ExtensionKeyAgent implements vscode.Disposable {
  private channel: OpenChannel | undefined;
  private opening: Promise<OpenChannel> | undefined;

  constructor(
    private readonly home: () => string,
    private readonly extensionPath: string,
    private readonly terminalEnv: vscode.EnvironmentVariableCollection,
    private readonly log: Log,
  ) {
    terminalEnv.persistent = false;
  }

  /** How vault code reaches the agent. `prompt: false` (a hover) never opens a dialog: a locked vault is simply locked. */
  access(prompt: boolean): AgentAccess {
    return {
      client: this.client(),
      clientInfo: () => ({ pid: process.pid, cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd(), terminal: false }),
      ensureUnlocked: async (forRelease) => {
        if (!prompt) {
          if (!(await this.client().status()).unlocked) throw new VaultError('locked', 'the local vault is locked');
          return;
        }
        await this.open(forRelease);
      },
      channel: async () => (await this.open()).credential,
    };
  }

  /** Locks the agent (for every window and terminal); the number of approvals ended, undefined when none ran. */
  async lock(): Promise<number | undefined> {
    const client = this.client();
    if (!(await client.status()).running) return undefined;
    const { revoked } = await client.request<{ revoked: number }>({ op: 'lock' });
    return revoked;
  }

  dispose(): void {
    this.channel?.close();
    this.channel = undefined;
    this.terminalEnv.clear();
  }

  private client(): AgentClient {
    const home = this.home();
    return new AgentClient(existsSync(home) ? realpathSync(home) : home, process.env);
  }

  private open(forRelease?: { readonly names: readonly string[]; readonly label?: string }): Promise<OpenChannel> {
    if (this.channel) return Promise.resolve(this.channel);
    this.opening ??= this.connect(forRelease).finally(() => { this.opening = undefined; });
    return this.opening;
  }

  /** Asks for the passphrase (three tries), starts the agent if none runs, and registers this window. */
  private async connect(forRelease?: { readonly names: readonly string[]; readonly label?: string }): Promise<OpenChannel> {
    const client = this.client();
    if (!(await client.status()).running && !(await readWrappedKey(client.home))) {
      const state = await inspectVaultHome(client.home);
      if (state.keyFile || state.secrets > 0) throw new VaultError('locked', await notSetUpHelp(client.home));
      const chosen = await this.choosePassphrase();
      await initPassphraseVault(client.home, chosen);
      this.log.info(`Set up the local vault in ${client.home}: its key is wrapped by your passphrase`);
      return this.register(client, chosen);
    }
    const what = forRelease ? ` ${forRelease.label ?? 'This'} asks for ${forRelease.names.length} secret(s): ${forRelease.names.join(', ')}.` : '';
    for (let attempt = 1; attempt <= 3; attempt++) {
      const passphrase = await vscode.window.showInputBox({
        title: 'EnvGuard: Unlock the Local Vault',
        prompt: `${attempt > 1 ? 'Wrong passphrase. ' : ''}Your EnvGuard passphrase.${what} Each program that asks for secrets is still approved by you.`,
        password: true,
        ignoreFocusOut: true,
      });
      if (!passphrase) throw new VaultError('locked', 'the local vault stays locked: no passphrase was given');
      try {
        return await this.register(client, passphrase);
      } catch (error) {
        if (!(error instanceof VaultError) || error.code !== 'unauthenticated') throw error;
      }
    }
    throw new VaultError('locked', 'the local vault stays locked: the passphrase was wrong 3 times');
  }

  /** Starts the agent if none runs and registers this window with the passphrase (which unlocks it). */
  private async register(client: AgentClient, passphrase: string): Promise<OpenChannel> {
    await client.start({ node: process.execPath, cli: path.join(this.extensionPath, 'dist', 'cli.js') });
    const opened = await client.openChannel(passphrase, `VS Code (${vscode.workspace.name ?? 'window'})`, (question) => this.ask(question.request));
    const channel: OpenChannel = { credential: opened.credential, close: opened.close };
    this.channel = channel;
    this.terminalEnv.replace(VSCODE_CHANNEL_VARIABLE, opened.credential.id);
    this.log.info('Unlocked the local vault; this window answers approvals');
    void opened.closed.then(() => {
      if (this.channel !== channel) return;
      this.channel = undefined;
      this.terminalEnv.delete(VSCODE_CHANNEL_VARIABLE);
      this.log.info('The local vault is locked (the key agent ended)');
    });
    return channel;
  }

  /** A new vault: the passphrase chosen in VS Code's password box, typed twice. */
  private async choosePassphrase(): Promise<string> {
    const box = (prompt: string) => vscode.window.showInputBox({ title: 'EnvGuard: Set Up the Local Vault', prompt, password: true, ignoreFocusOut: true, validateInput: (v) => checkNewPassphrase(v) });
    const first = await box('Choose a passphrase for the local vault. It unlocks the vault and approves every release of a secret to a program; no program can type it for you. Forget it and the secrets are lost.');
    if (!first) throw new VaultError('locked', 'the local vault was not set up: no passphrase was chosen');
    const second = await box('Type the passphrase again.');
    if (second !== first) throw new VaultError('locked', 'the local vault was not set up: the two passphrases did not match');
    return first;
  }

  /** The dialog: what asks, for which project, environment and secrets, under which AI agent. */
  private async ask(view: ApprovalView): Promise<ApprovalDecision> {
    const once = 'Allow Once';
    const session = 'Allow for This Session';
    const deny = 'Deny';
    const count = `${view.names.length} secret${view.names.length === 1 ? '' : 's'}`;
    const verb = PURPOSE_WORDS[view.purpose].dialog(count);
    const detail = [
      `Asked by: ${view.command}`,
      ...(view.chain.length > 0 ? [`Started from: ${view.chain.join(' ← ')}`] : []),
      ...(view.agent ? [`Runs under the AI agent ${view.agent}.`] : []),
      `Secrets: ${view.names.join(', ')}`,
      `Project and environment: ${view.scopes.join(', ')}`,
      view.sessionAllowed ? 'For this session: the same terminal (or task) gets them again without asking, until it is idle for a while or you run EnvGuard: Lock.' : 'Your policy asks every time.',
    ].join('\n');
    this.log.info(`Approval asked: ${view.purpose} of ${view.names.join(', ')} (${view.scopes.join(', ')})${view.agent ? ` under ${view.agent}` : ''}`);
    const choice = await vscode.window.showWarningMessage(
      `EnvGuard: allow ${approvalSubject(view)} to ${verb}?`,
      { modal: true, detail },
      // Deny first: the primary button, what Enter or a hasty click chooses, releases nothing.
      ...(view.sessionAllowed ? [deny, once, session] : [deny, once]),
    );
    const decision: ApprovalDecision = choice === once ? 'once' : choice === session ? 'session' : 'deny';
    this.log.info(`Approval ${decision === 'deny' ? 'denied' : `given (${decision})`}`);
    return decision;
  }
}

