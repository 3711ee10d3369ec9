import * as path from 'node:path';
import { scanTargets } from '../../core/scan';
import { parseCommandArgs } from '../args';
import { loadCliConfig } from '../project-config';
import { CliError, EXIT_FOUND, EXIT_OK, EXIT_USAGE, type Command } from '../io';
import { displayPath } from '../format/paths';
import { formatScanText } from '../format/scan-text';
import { formatScanJson } from '../format/scan-json';
import { formatScanSarif } from '../format/scan-sarif';
import { cliProjectFinder } from '../projects';
import { LoaderFinder } from '../../core/project';

const FORMATS = ['text', 'json', 'sarif'] as const;

/** `envguard scan [PATH...] [--format text|json|sarif] [--include GLOB]... [--exclude GLOB]...` */
export const scanCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write('Usage: envguard scan [PATH...] [--format text|json|sarif] [--include GLOB]... [--exclude GLOB]...\n');
    return EXIT_OK;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new CliError(`unknown format '${values.format}' (use text, json or sarif)`);

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
  if (format === 'json') io.stdout.write(formatScanJson(report, files));
  else if (format === 'sarif') io.stdout.write(formatScanSarif(report));
  else io.stdout.write(formatScanText(report, files, io.isTTY && !io.env.NO_COLOR));

  if (report.errors.length > 0) return EXIT_USAGE;
  return report.findings.length > 0 ? EXIT_FOUND : EXIT_OK;
};

/** The entry point dist/cli.js loads for `envguard scan`. */
export const command = scanCommand;
