import { readProjectConfigFile } from '../config/project-config';
import { classifyValue } from '../detection';
import type { ApprovalPolicy } from '../config/project-config';
import { LocalAccess } from '../project/access';
import type { ProjectRegistry } from '../project/registry';
import { VaultError, type SecretInfo } from '../vault/types';
import type { LocalVault } from '../vault/local/local-vault';
import { AGENT_VARIABLES, recogniseAgent, type RecognisedAgent } from './ai-agents';
import { effectivePolicy, repoPolicyFor, stricterPolicy, userPolicyFor, type UserPolicies } from './policy';
import { describeProcess, describeProgram, processChain, readEnvironment, type ProcessInfo } from './process-info';
import type { ClientInfo, ReleaseItem, ReleaseResult } from './protocol';

/** The variable a VS Code window's terminals carry: which window's dialog asks for them (routing, not a secret). */
export const VSCODE_CHANNEL_VARIABLE = 'ENVGUARD_VSCODE_CHANNEL';

/** What the key agent learns about a requester from the OS. */
export interface Requesting {
  readonly chain: readonly ProcessInfo[];
  readonly command: string;
  readonly chainText: readonly string[];
  readonly agent?: RecognisedAgent;
  readonly vscodeChannelId?: string;
  /** Linux: the terminal session, with the session leader's start time (no reuse across a pid's recycling). */
  readonly terminalScope?: string;
}

export async function inspectRequester(client: ClientInfo, label?: string): Promise<Requesting> {
  const chain = await processChain(client.pid);
  const variables = await readEnvironment(client.pid, new Set([...AGENT_VARIABLES, VSCODE_CHANNEL_VARIABLE]));
  const agent = recogniseAgent(chain, variables);
  const first = chain[0];
  let terminalScope: string | undefined;
  // A process keeps its session and terminal when its parent exits and it is re-parented: only a
  // chain that reaches the session's leader unbroken (every ancestor seen, agents included) belongs
  // to the session; a detached one is asked about every time.
  const leader = first?.sid !== undefined && first.sid > 0 ? chain.find((p) => p.pid === first.sid) : undefined;
  if (first && leader?.startTime !== undefined) terminalScope = `tty:${first.ttyNr ?? 0}/sid:${first.sid}@${leader.startTime}`;
  const vscodeChannelId = variables.get(VSCODE_CHANNEL_VARIABLE);
  return {
    chain, agent,
    command: label ?? (first ? describeProcess(first) : `process ${client.pid} (gone)`),
    chainText: chain.slice(1, 8).map(describeProgram),
    ...(vscodeChannelId ? { vscodeChannelId } : {}),
    ...(terminalScope ? { terminalScope } : {}),
  };
}

/** The session an approval is kept for: the terminal (or window), and the agent it runs under: an agent never rides a human's approval. */
export function sessionScopeOf(requesting: Requesting, windowScope?: string): string | undefined {
  const place = windowScope ?? requesting.terminalScope;
  if (place === undefined) return undefined;
  return `${place}|agent:${requesting.agent?.identity ?? 'none'}|vscode:${requesting.vscodeChannelId ?? '-'}`;
}

/** Where a denial cools down: the session, or for a requester without one, the place it would be asked in (its agent and window). */
export function denialScopeOf(requesting: Requesting, windowScope?: string): string {
  return sessionScopeOf(requesting, windowScope) ?? `no-session|agent:${requesting.agent?.identity ?? 'none'}|vscode:${requesting.vscodeChannelId ?? '-'}`;
}

/** The local values read and checked (owner, share), before any approval: kept in the agent until the gate decides. */
export interface ReadItems {
  readonly results: ReleaseResult[];
  /** `project/environment` per item; undefined for an item that failed. */
  readonly scopes: (string | undefined)[];
  readonly infos: (SecretInfo | undefined)[];
}

export async function readRequestedItems(vault: LocalVault, registry: ProjectRegistry, items: readonly ReleaseItem[]): Promise<ReadItems> {
  const results: ReleaseResult[] = items.map(() => ({ ok: false, reason: 'not read' }));
  const scopes: (string | undefined)[] = items.map(() => undefined);
  const infos: (SecretInfo | undefined)[] = items.map(() => undefined);
  const local = items.flatMap((item, i) => (item.source === 'local' ? [i] : []));
  const answers = local.length === 0 ? [] : await vault.getMany(local.map((i) => ({ name: items[i]!.name, ...(items[i]!.version ? { version: items[i]!.version } : {}) })))
    .catch((error: unknown) => local.map(() => (error instanceof VaultError ? error : new VaultError('unknown', 'the local vault could not be read'))));
  const access = new LocalAccess(registry);
  await Promise.all(local.map(async (index, j) => {
    const answer = answers[j]!;
    const item = items[index]!;
    if (answer instanceof VaultError) {
      results[index] = { ok: false, reason: answer.message };
      return;
    }
    const refusal = item.requester
      ? await access.check(item.name, answer.info.owner, item.requester)
      : { reason: `secret ${item.name} of the local vault is given only to the project it belongs to, and no project asked`, remedy: { kind: 'claim' as const, secret: item.name } };
    if (refusal) {
      results[index] = { ok: false, reason: refusal.reason, remedy: refusal.remedy };
      return;
    }
    results[index] = { ok: true, value: answer.value };
    infos[index] = answer.info;
    const project = answer.info.tags['envguard-project'] ?? (answer.info.owner !== undefined ? registry.byId(answer.info.owner)?.name : undefined) ?? 'unknown';
    scopes[index] = `${project}/${answer.info.tags['envguard-environment'] ?? 'default'}`;
  }));
  items.forEach((item, i) => {
    if (item.source !== 'external') return;
    results[i] = { ok: true, value: '' };
    scopes[i] = `${item.project ?? 'unknown'}/${item.environment ?? 'default'}`;
  });
  return { results, scopes, infos };
}

/** The strictest policy over the scopes: the user's rule, made stricter by the asking repository's `.envguard.json`. */
export async function policyOf(scopes: readonly string[], policies: UserPolicies, requesterRoots: readonly string[]): Promise<ApprovalPolicy> {
  const configs = await Promise.all([...new Set(requesterRoots)].map((root) => readProjectConfigFile(root).catch(() => undefined)));
  let policy: ApprovalPolicy | undefined;
  for (const scope of new Set(scopes)) {
    const cut = scope.lastIndexOf('/');
    const [project, environment] = [scope.slice(0, cut), scope.slice(cut + 1)];
    let here = userPolicyFor(policies, project, environment);
    for (const config of configs) here = effectivePolicy(here, repoPolicyFor(config, environment));
    policy = policy === undefined ? here : stricterPolicy(policy, here);
  }
  return policy ?? 'session';
}

/**
 * A command line for the record of a refusal, masked without looking at the values, so the record
 * cannot tell its asker whether a word it put on its command line is one: every word (or the value
 * of `NAME=value`, `--opt=value`) that the detector calls a secret, or that is not a plain word,
 * identifier, option or path (six characters or more with a digit, mixed case or other symbols).
 */
export function maskValueLike(text: string): string {
  return text.split(/(\s+)/).map((word) => {
    if (word.trim() === '') return word;
    const assignment = /^((?:--?)?[A-Za-z_][\w-]{0,100}=)(.+)$/.exec(word);
    const prefix = assignment?.[1] ?? '';
    const value = assignment?.[2] ?? word;
    const keyHint = prefix.replace(/^-+|=$/g, '').replace(/-/g, '_').toUpperCase();
    return valueLike(value) || (keyHint !== '' && value.length >= 4 && classifyValue(keyHint, value) !== undefined) ? `${prefix}***` : word;
  }).join('');
}

function valueLike(word: string): boolean {
  if (word.length < 4) return false;
  if (classifyValue('VALUE', word) !== undefined) return true;
  if (word.length < 6) return false;
  // Plain words, SHOUTED_NAMES, options and paths made of them read as what they are.
  // File and program names (`python3`, `manage.py`, `app.js`, paths of them), options, SHOUTED_NAMES read as what they are.
  const name = /^(?:--?)?[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/;
  if (/^[A-Z][A-Z0-9_]*$/.test(word) || name.test(word)) return false;
  if (word.includes('/')) return !word.split('/').every((part) => part === '' || part === '.' || part === '..' || name.test(part) || /^[A-Za-z][\w.-]*$/.test(part) && !/\d.*[A-Z]|[A-Z].*\d/.test(part));
  return true;
}

/** Text a human or the log sees, with every value about to be released masked out of it (a value typed on a command line stays out of the record). */
export function maskValues(text: string, values: readonly string[]): string {
  let masked = text;
  for (const value of values) if (value.length >= 4) masked = masked.split(value).join('***');
  return masked;
}
