import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { APPROVAL_POLICIES, type ApprovalPolicy, type ProjectConfig } from '../config/project-config';
import { writeFileAtomic } from '../files/atomic-write';
import { describeFsError, errorCode } from '../files/fs-errors';
import { PRIVATE_FILE_MODE } from '../vault/local/home';
import { gateKey, macMatches, macOf } from './derived-keys';

/**
 * Who decides how often a human approves. The user, in `approval.json` beside the vault, which only
 * the key agent writes, after the passphrase, and which carries a MAC under a key derived from the
 * vault key: an agent that edits or replaces it is ignored (the defaults apply and the user is
 * told). A repository, in its `.envguard.json`, can only make its own policy stricter. Nothing an
 * agent can write turns approvals off.
 */
export const POLICY_FILE_NAME = 'approval.json';
const FORMAT = 'envguard-approval/1';
export const DEFAULT_POLICY: ApprovalPolicy = 'session';

const STRICTNESS: Record<ApprovalPolicy, number> = { none: 0, session: 1, 'every-time': 2 };

export function stricterPolicy(a: ApprovalPolicy, b: ApprovalPolicy): ApprovalPolicy {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

export function isLooser(next: ApprovalPolicy, current: ApprovalPolicy): boolean {
  return STRICTNESS[next] < STRICTNESS[current];
}

/** One rule of the user's: `*` matches every project or environment. */
export interface PolicyRule {
  readonly project: string;
  readonly environment: string;
  readonly policy: ApprovalPolicy;
}

export interface UserPolicies {
  readonly rules: readonly PolicyRule[];
  /** Session limits chosen by the user (longer than the defaults only this way). */
  readonly idleMs?: number;
  readonly maxMs?: number;
}

export interface LoadedPolicies {
  readonly policies: UserPolicies;
  /** Set when the file exists but does not verify: it was ignored, and this says so. */
  readonly problem?: string;
}

export function policyFile(home: string): string {
  return path.join(home, POLICY_FILE_NAME);
}

function canonical(policies: UserPolicies): string {
  return JSON.stringify([FORMAT, policies.rules.map((r) => [r.project, r.environment, r.policy]), policies.idleMs ?? null, policies.maxMs ?? null]);
}

export async function readUserPolicies(home: string, vaultKey: Buffer): Promise<LoadedPolicies> {
  const file = policyFile(home);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { policies: { rules: [] } };
    return { policies: { rules: [] }, problem: `${file} cannot be read (${describeFsError(error)}); the default policy applies` };
  }
  const parsed = parsePolicies(text);
  if (!parsed || !macMatches(gateKey(vaultKey, 'approval policies'), canonical(parsed.policies), parsed.mac)) {
    return { policies: { rules: [] }, problem: `${file} was changed outside EnvGuard and is ignored; the default policy (approval once per session) applies` };
  }
  return { policies: parsed.policies };
}

export async function writeUserPolicies(home: string, vaultKey: Buffer, policies: UserPolicies): Promise<void> {
  const mac = macOf(gateKey(vaultKey, 'approval policies'), canonical(policies));
  const body = { format: FORMAT, rules: policies.rules, ...(policies.idleMs !== undefined ? { idleMs: policies.idleMs } : {}), ...(policies.maxMs !== undefined ? { maxMs: policies.maxMs } : {}), mac };
  await writeFileAtomic(policyFile(home), `${JSON.stringify(body, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
}

/** The user's policy for a project and environment: the most specific rule, else the default. */
export function userPolicyFor(policies: UserPolicies, project: string, environment: string): ApprovalPolicy {
  const rank = (r: PolicyRule) => (r.project === project ? 2 : r.project === '*' ? 0 : -9) + (r.environment === environment ? 1 : r.environment === '*' ? 0 : -9);
  let best: PolicyRule | undefined;
  for (const rule of policies.rules) if (rank(rule) >= 0 && (!best || rank(rule) > rank(best))) best = rule;
  return best?.policy ?? DEFAULT_POLICY;
}

/** A repository's own wish for an environment: its project-wide and its environment's `approval`, the stricter. */
export function repoPolicyFor(config: ProjectConfig | undefined, environment: string): ApprovalPolicy | undefined {
  const wishes = [config?.approval, config?.environments?.[environment]?.approval].filter((p): p is ApprovalPolicy => p !== undefined);
  return wishes.length === 0 ? undefined : wishes.reduce(stricterPolicy);
}

/** The user's rule, made stricter (never looser) by the repository. */
export function effectivePolicy(user: ApprovalPolicy, repo: ApprovalPolicy | undefined): ApprovalPolicy {
  return repo === undefined ? user : stricterPolicy(user, repo);
}

/** The rules with one set (replacing the rule for the same project and environment). */
export function withRule(policies: UserPolicies, rule: PolicyRule): UserPolicies {
  return { ...policies, rules: [...policies.rules.filter((r) => r.project !== rule.project || r.environment !== rule.environment), rule] };
}

function parsePolicies(text: string): { policies: UserPolicies; mac: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const v = value as { format?: unknown; rules?: unknown; idleMs?: unknown; maxMs?: unknown; mac?: unknown } | null;
  if (v?.format !== FORMAT || !Array.isArray(v.rules)) return undefined;
  const rules: PolicyRule[] = [];
  for (const r of v.rules as unknown[]) {
    const rule = r as Partial<PolicyRule> | null;
    if (typeof rule?.project !== 'string' || typeof rule.environment !== 'string' || !(APPROVAL_POLICIES as readonly unknown[]).includes(rule.policy)) return undefined;
    rules.push({ project: rule.project, environment: rule.environment, policy: rule.policy! });
  }
  const duration = (d: unknown) => (typeof d === 'number' && Number.isSafeInteger(d) && d > 0 ? d : undefined);
  const idleMs = duration(v.idleMs);
  const maxMs = duration(v.maxMs);
  return { policies: { rules, ...(idleMs !== undefined ? { idleMs } : {}), ...(maxMs !== undefined ? { maxMs } : {}) }, mac: v.mac };
}
