import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DetectionSettings } from '../detection';
import type { Finding } from '../findings';
import { discoverEnvFiles, type DiscoveryOptions } from '../files/discover';
import { EnvFileError, readEnvFile } from '../files/read';
import { analyzeEnvText } from './analyze';

export interface ScanOptions extends DiscoveryOptions {
  readonly detection?: DetectionSettings;
  /** How a file is named in findings and messages (the CLI: relative to the working directory). */
  readonly label?: (absolutePath: string) => string;
}

export interface ScanReport {
  /** Absolute paths of the env files that were read, sorted. */
  readonly files: string[];
  readonly findings: Finding[];
  readonly warnings: string[];
  /** Problems that stopped a file or target from being scanned (exit code 2 in the CLI). */
  readonly errors: string[];
}

/**
 * Scans targets: folders are walked for env files; files are scanned whatever their name. A binary
 * file found by the walk (an encrypted `.env.gpg`, say) is skipped with a warning; one named
 * explicitly is an error.
 */
export async function scanTargets(targets: readonly string[], options: ScanOptions = {}): Promise<ScanReport> {
  const explicit = new Set<string>();
  const files = new Set<string>();
  const errors: string[] = [];
  for (const target of targets) {
    const absolute = path.resolve(target);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch {
      errors.push(`${target} does not exist`);
      continue;
    }
    if (stat.isDirectory()) {
      for (const file of await discoverEnvFiles(absolute, options)) files.add(file);
    } else {
      explicit.add(absolute);
      files.add(absolute);
    }
  }

  const label = options.label ?? ((p: string) => p);
  const sorted = [...files].sort();
  type FileResult = { file: string; findings?: Finding[]; warnings?: string[]; error?: string };
  const results = await mapConcurrent(sorted, 32, async (file): Promise<FileResult> => {
    try {
      const { text, warnings } = await readEnvFile(file, label(file));
      const analysis = analyzeEnvText(text, label(file), options.detection);
      return { file, findings: analysis.findings, warnings: [...warnings, ...analysis.warnings] };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof EnvFileError && error.problem === 'binary' && !explicit.has(file)) {
        return { file, warnings: [`skipped ${message}`] };
      }
      return { file, error: message };
    }
  });

  const report: ScanReport = { files: [], findings: [], warnings: [], errors };
  for (const result of results) {
    if (result.error !== undefined) report.errors.push(result.error);
    if (result.warnings) report.warnings.push(...result.warnings);
    if (result.findings) {
      report.files.push(result.file);
      report.findings.push(...result.findings);
    }
  }
  return report;
}

/** Promise.all with at most `limit` tasks in flight, results in input order. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
