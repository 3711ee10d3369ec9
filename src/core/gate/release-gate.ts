import type { ProjectRegistry } from '../project/registry';
import type { LocalVault } from '../vault/local/local-vault';
import { VaultError } from '../vault/types';
import type { AgentClient, PassphraseAnswerer } from './client';
import type { ChannelCredential, ClientInfo, ReleaseItem, ReleasePurpose, ReleaseResult } from './protocol';
import { maskValues, readRequestedItems } from './release-request';
import { ReleaseLog } from './release-log';

/** The answer to one release: each item's value (or why not), or the refusal of the whole. */
export type ReleaseOutcome =
  | { readonly ok: true; readonly results: readonly ReleaseResult[]; readonly agent?: string }
  | { readonly ok: false; readonly message: string; readonly code: string };

/**
 * Where every value released to a process passes: once per request, for all its references, local
 * and cloud alike. A passphrase vault's gate asks the key agent (which may ask a human); an
 * automation vault's reads the values itself, with the same ownership checks, and records them.
 */
export interface ReleaseGate {
  release(items: readonly ReleaseItem[], purpose: ReleasePurpose, label?: string): Promise<ReleaseOutcome>;
}

/** How an adapter talks to the key agent: its client, how it unlocks, and how its human answers. */
export interface AgentAccess {
  readonly client: AgentClient;
  /**
   * Starts and unlocks the agent when needed, asking the human (terminal or dialog); VaultError
   * 'locked' when no human can be asked. `forRelease`: the release it unlocks for, shown to the human,
   * whose passphrase then approves that release too.
   */
  ensureUnlocked(forRelease?: { readonly names: readonly string[]; readonly label?: string }): Promise<void>;
  clientInfo(): ClientInfo;
  /** The CLI: the passphrase typed at its terminal when the gate asks. */
  readonly answerPassphrase?: PassphraseAnswerer;
  /** The extension: the credential of its window's channel (its own releases: F5, tasks, the secrets terminal). */
  channel?(): Promise<ChannelCredential | undefined>;
}

export function agentReleaseGate(access: AgentAccess): ReleaseGate {
  return {
    async release(items, purpose, label) {
      if (items.length === 0) return { ok: true, results: [] };
      const ask = async () => {
        const channel = access.channel ? await access.channel() : undefined;
        return access.client.request<{ results: ReleaseResult[]; agent?: string }>({
          op: 'release', client: access.clientInfo(), purpose, items,
          ...(channel ? { channel } : {}), ...(label !== undefined ? { label } : {}),
        }, access.answerPassphrase);
      };
      try {
        let answer: { results: ReleaseResult[]; agent?: string };
        try {
          // Straight to the agent (one round trip in an approved session); unlock only when it is locked.
          answer = await ask();
        } catch (error) {
          if (!(error instanceof VaultError) || error.code !== 'locked') throw error;
          await access.ensureUnlocked({ names: items.map((i) => i.name), ...(label !== undefined ? { label } : {}) });
          answer = await ask();
        }
        return { ok: true, results: answer.results, ...(answer.agent ? { agent: answer.agent } : {}) };
      } catch (error) {
        if (error instanceof VaultError) return { ok: false, code: error.code, message: error.message };
        throw error;
      }
    },
  };
}

/** An automation vault: no human, the same ownership checks, and every release recorded. */
export function automationReleaseGate(vault: () => Promise<LocalVault>, registry: () => Promise<ProjectRegistry>): ReleaseGate {
  return {
    async release(items, purpose, label) {
      if (items.length === 0) return { ok: true, results: [] };
      const local = items.some((i) => i.source === 'local');
      let opened: LocalVault | undefined;
      try {
        opened = local ? await vault() : undefined;
      } catch (error) {
        if (error instanceof VaultError) return { ok: false, code: error.code, message: error.message };
        throw error;
      }
      const read = opened
        ? await readRequestedItems(opened, await registry(), items)
        : { results: items.map((): ReleaseResult => ({ ok: true, value: "" })), scopes: items.map((i): string | undefined => `${i.project ?? "unknown"}/${i.environment ?? "default"}`) };
      if (purpose === 'verify') return { ok: true, results: read.results.map((r): ReleaseResult => (r.ok ? { ok: true, value: '' } : r)) };
      const released = items.flatMap((item, i) => (read.results[i]!.ok && item.source === 'local' ? [item.name] : []));
      if (opened && released.length > 0) {
        const values = read.results.flatMap((r) => (r.ok && r.value !== '' ? [r.value] : []));
        await new ReleaseLog(opened.home, await opened.derivedKey('release log')).append({
          event: 'released', names: released, scopes: [...new Set(read.scopes.filter((s): s is string => s !== undefined))],
          vault: opened.displayName, channel: 'automation', scope: 'once',
          requester: { pid: process.pid, command: maskValues(label ?? `process ${process.pid}`, values), purpose },
        });
      }
      return { ok: true, results: read.results };
    },
  };
}
