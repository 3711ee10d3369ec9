import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { baselineOf, BaselineError, formatBaseline, parseBaseline, withoutBaselined, type Baseline } from '../../core/detection';
import { writeProjectFile } from '../../core/files/project-files';
import { scanTargets } from '../../core/scan';
import { parseCommandArgs, parseFormat } from '../args';
import { loadCliConfig } from '../project-config';
import { CliError, EXIT_FOUND, EXIT_OK, EXIT_USAGE, useColor, type Command } from '../io';
import { displayPath } from '../format/paths';
import { formatScanText } from '../format/scan-text';
import { formatScanJson } from '../format/scan-json';
import { formatScanSarif } from '../format/scan-sarif';
import { cliProjectFinder } from '../projects';
import { LoaderFinder } from '../../core/project';
import { scanTable } from './scan.table';

/** `envguard scan [PATH...] [--format text|json|sarif] [--include GLOB]... [--exclude GLOB]... [--baseline FILE] [--write-baseline FILE]` */
export const scanCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, scanTable.options);
  const format = parseFormat(values.format, scanTable.options.format.choices);

  // Read before the scan: a missing or broken baseline is a usage error, not a finding.
  const baseline = values.baseline !== undefined ? readBaseline(path.resolve(io.cwd, values.baseline), values.baseline) : undefined;
  const { config, detection } = await loadCliConfig(io);
  const targets = positionals.length > 0 ? positionals : ['.'];
  const labels = new Map<string, string>();
  const label = (absolute: string): string => {
    let shown = labels.get(absolute);
    if (shown === undefined) labels.set(absolute, (shown = displayPath(io.cwd, absolute)));
    return shown;
  };
  const loaders = new LoaderFinder(cliProjectFinder(io));
  const report = await scanTargets(targets.map((t) => path.resolve(io.cwd, t)), {
    include: [...(config.include ?? []), ...(values.include ?? [])],
    exclude: [...(config.exclude ?? []), ...(values.exclude ?? [])],
    detection,
    label,
    workingDirectory: io.cwd,
    loadersOf: async (file) => (await loaders.loadersOf(file)).dialects,
  });
  const files = report.files.map(label);

  for (const warning of report.warnings) io.stderr.write(`envguard scan: warning: ${warning}\n`);
  for (const error of report.errors) io.stderr.write(`envguard scan: error: ${error}\n`);

  const writeTo = values['write-baseline'];
  if (writeTo !== undefined) {
    const written = baselineOf(report.findings);
    await writeProjectFile(io.cwd, path.resolve(io.cwd, writeTo), formatBaseline(written), { label: writeTo });
    io.stderr.write(`envguard scan: wrote ${written.findings.length} finding${written.findings.length === 1 ? '' : 's'} to ${writeTo} (keys, files and rules; no values)\n`);
    return report.errors.length > 0 ? EXIT_USAGE : EXIT_OK;
  }

  const { findings, baselined } = baseline ? withoutBaselined(report.findings, baseline) : { findings: report.findings, baselined: 0 };
  const shown = { ...report, findings };
  if (format === 'json') io.stdout.write(formatScanJson(shown, files, baseline ? baselined : undefined));
  else if (format === 'sarif') io.stdout.write(formatScanSarif(shown));
  else io.stdout.write(formatScanText(shown, files, useColor(io), baselined));

  if (report.errors.length > 0) return EXIT_USAGE;
  return findings.length > 0 ? EXIT_FOUND : EXIT_OK;
};

function readBaseline(file: string, label: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${label} does not exist (write one with envguard scan --write-baseline ${label})` : `${label} cannot be read (${code ?? 'error'})`);
  }
  try {
    return parseBaseline(text, label);
  } catch (error) {
    if (error instanceof BaselineError) throw new CliError(error.message);
    throw error;
  }
}

/** The entry point dist/cli.js loads for `envguard scan`. */
export const command = scanCommand;
