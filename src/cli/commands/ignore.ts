/** `envguard ignore`: the old name of `envguard protect`, kept working (same options, same report). */
import { protectCommand } from './protect';

/** The entry point dist/cli.js loads for `envguard ignore`. */
export const command = protectCommand('ignore');
