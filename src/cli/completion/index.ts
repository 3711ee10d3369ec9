import type { CommandTable } from '../command-table';
import { bashScript } from './bash';
import { fishScript } from './fish';
import { completionModel } from './model';
import { powerShellScript } from './powershell';
import { zshScript } from './zsh';

const GENERATORS = { bash: bashScript, zsh: zshScript, fish: fishScript, powershell: powerShellScript } as const;

/** The completion script of a shell, generated from the command tables. */
export function completionScript(shell: keyof typeof GENERATORS, tables: readonly CommandTable[]): string {
  return GENERATORS[shell](completionModel(tables));
}
