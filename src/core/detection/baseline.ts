/**
 * A baseline: the findings a team accepted when it adopted the CI gate, so that `envguard scan
 * --baseline FILE` fails only on new ones. Entries name the file, the key and the rule, and carry
 * their SHA-256; no value and no hash of a value (a hash of a low-entropy password would let anyone
 * test guesses against it). A secret changed under the same key therefore stays baselined: the
 * baseline records which keys were accepted, not which values.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../findings';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly file: string;
  readonly key: string;
  readonly rule: string;
  readonly fingerprint: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly findings: readonly BaselineEntry[];
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** SHA-256 of file, key and rule: the same fingerprint SARIF results carry. */
export function findingFingerprint(finding: Pick<Finding, 'file' | 'key' | 'rule'>): string {
  return createHash('sha256').update(`${finding.file}\0${finding.key}\0${finding.rule}`).digest('hex');
}

/** The baseline of these findings (files as the report shows them: relative, `/`-separated). */
export function baselineOf(findings: readonly Pick<Finding, 'file' | 'key' | 'rule'>[]): Baseline {
  const entries = findings.map(({ file, key, rule }) => ({ file, key, rule, fingerprint: findingFingerprint({ file, key, rule }) }));
  const unique = [...new Map(entries.map((e) => [e.fingerprint, e])).values()];
  unique.sort((a, b) => a.file.localeCompare(b.file) || a.key.localeCompare(b.key) || a.rule.localeCompare(b.rule));
  return { version: BASELINE_VERSION, findings: unique };
}

export function formatBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Parses a baseline file's text; `label` names the file in errors. */
export function parseBaseline(text: string, label: string): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BaselineError(`${label} is not a baseline: it is not valid JSON (write one with envguard scan --write-baseline ${label})`);
  }
  const findings = (parsed as { findings?: unknown } | null)?.findings;
  if ((parsed as { version?: unknown } | null)?.version !== BASELINE_VERSION || !Array.isArray(findings)) {
    throw new BaselineError(`${label} is not a baseline of version ${BASELINE_VERSION} (expected {"version": 1, "findings": [...]})`);
  }
  const entries: BaselineEntry[] = [];
  for (const entry of findings as unknown[]) {
    const e = entry as Partial<BaselineEntry> | null;
    if (typeof e?.file !== 'string' || typeof e.key !== 'string' || typeof e.rule !== 'string') {
      throw new BaselineError(`${label}: each finding needs "file", "key" and "rule"`);
    }
    entries.push({ file: e.file, key: e.key, rule: e.rule, fingerprint: findingFingerprint({ file: e.file, key: e.key, rule: e.rule }) });
  }
  return { version: BASELINE_VERSION, findings: entries };
}

/** The findings the baseline does not hold, and how many it held. */
export function withoutBaselined<T extends Pick<Finding, 'file' | 'key' | 'rule'>>(findings: readonly T[], baseline: Baseline): { findings: T[]; baselined: number } {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const kept = findings.filter((f) => !known.has(findingFingerprint(f)));
  return { findings: kept, baselined: findings.length - kept.length };
}
