import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io';

/** node:util parseArgs with EnvGuard's error wording: unknown options are usage errors (exit 2). */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new CliError(message);
  }
}
