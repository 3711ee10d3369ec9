import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { DetectionSettings } from '../detection';
import type { Finding } from '../findings';
import { discoverEnvFiles, type DiscoveryOptions } from '../files/discover';
import { EnvFileError, readEnvFileSync } from '../files/read';
import { OutsideProjectError, projectOfNamedFile, realPathInside } from '../files/project-files';
import type { DialectName } from '../dotenv';
import { analyzeEnvText } from './analyze';

export interface ScanOptions extends DiscoveryOptions {
  readonly detection?: DetectionSettings;
  /** How a file is named in findings and messages (the CLI: relative to the working directory). */
  readonly label?: (absolutePath: string) => string;
  /**
   * Where the scan runs (default: the process's). A file named explicitly must really lie in the
   * project: this folder when the file is named under it, else the file's own folder.
   */
  readonly workingDirectory?: string;
  /** The programs that read each file (core/project/loaders.ts LoaderFinder); dotenv when not given. */
  readonly loadersOf?: (absolutePath: string) => Promise<readonly DialectName[]>;
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
 * Scans targets: folders are walked for env files; files are scanned whatever their name. A file
 * encrypted by a tool (gpg, age, sops…) holds no plaintext and is skipped with a note; any other
 * file that cannot be read (binary, broken UTF-16, unreadable, too large) is an error, whether the
 * walk found it or it was named: a scan never passes what it could not read. A folder given is the
 * project of its walk: a symlinked file in it that leads outside is skipped with a warning; a file
 * named explicitly that leads out of its project (see `workingDirectory`) is an error that shows its real path.
 */
export async function scanTargets(targets: readonly string[], options: ScanOptions = {}): Promise<ScanReport> {
  const files = new Set<string>();
  const errors: string[] = [];
  const walkWarnings: string[] = [];
  const label = options.label ?? ((p: string) => p);
  const cwd = options.workingDirectory ?? process.cwd();
  for (const target of targets) {
    const absolute = path.resolve(cwd, target);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      errors.push(`${target} does not exist`);
      continue;
    }
    if (stat.isDirectory()) {
      const onLinkOutside = (link: string, real: string): void => {
        walkWarnings.push(`skipped ${label(link)}: a symbolic link that leads outside ${target}, to ${real}`);
      };
      for (const file of discoverEnvFiles(absolute, options, onLinkOutside)) files.add(file);
    } else {
      try {
        realPathInside(projectOfNamedFile(cwd, absolute), absolute, label(absolute));
      } catch (error) {
        errors.push(error instanceof OutsideProjectError ? error.message : `${target} cannot be resolved`);
        continue;
      }
      files.add(absolute);
    }
  }

  const sorted = [...files].sort();
  type FileResult = { file: string; findings?: Finding[]; warnings?: string[]; error?: string };
  const results: FileResult[] = [];
  const loadersOf = lookAhead(sorted, options.loadersOf);
  for (const [index, file] of sorted.entries()) {
    try {
      const name = label(file);
      const { text, warnings } = readEnvFileSync(file, name);
      const loaders = await loadersOf(index);
      const analysis = analyzeEnvText(text, name, options.detection, loaders);
      results.push({ file, findings: analysis.findings, warnings: [...warnings, ...analysis.warnings] });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof EnvFileError && error.problem === 'encrypted') results.push({ file, warnings: [`skipped ${message}`] });
      else results.push({ file, error: message });
    }
  }

  const report: ScanReport = { files: [], findings: [], warnings: walkWarnings, errors };
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

/** How many files ahead the programs reading them are looked up (folder reads overlap instead of queuing). */
const LOADER_LOOKAHEAD = 32;

/**
 * The loaders of `files[index]`, looked up ahead of the file being checked: each lookup reads folders
 * (realpath, readdir, small files), and awaited one file at a time those reads left the process idle.
 * A failed lookup fails its own file only, when that file's turn comes.
 */
function lookAhead(files: readonly string[], loadersOf: ScanOptions['loadersOf']): (index: number) => Promise<readonly DialectName[] | undefined> {
  const started = new Map<number, Promise<readonly DialectName[]>>();
  let next = 0;
  return async (index) => {
    if (!loadersOf) return undefined;
    for (; next < files.length && next <= index + LOADER_LOOKAHEAD; next++) {
      const lookup = loadersOf(files[next]!);
      // Awaited at its file's turn, which reports its failure; until then a rejection is not unhandled.
      lookup.catch(() => undefined);
      started.set(next, lookup);
    }
    const lookup = started.get(index) ?? loadersOf(files[index]!);
    started.delete(index);
    return lookup;
  };
}
