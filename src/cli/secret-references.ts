import { parseEnv } from '../core/dotenv';
import { readEnvFileSync } from '../core/files/read';
import { parseReference } from '../core/references';
import type { VaultProvider } from '../core/vault/types';
import { displayPath } from './format/paths';
import type { CliIO } from './io';
import { cliProjectFinder } from './projects';

/** One line of an env file whose reference points to a secret: where, and which variable; never a value. */
export interface SecretReferenceSite {
  readonly file: string;
  readonly line: number;
  readonly key: string;
}

/** What was found, and the env files that could not be read (so a warning never claims more than was checked). */
export interface SecretReferences {
  readonly sites: SecretReferenceSite[];
  readonly unreadable: string[];
}

/**
 * The references to secret `name` of `vault` in the working directory's project: its env files as
 * `scan` finds them, each entry's value parsed as a reference, and the vault deciding (ownsReference)
 * whether the reference is to it and to that secret.
 */
export async function referencesToSecret(io: CliIO, vault: VaultProvider, name: string): Promise<SecretReferences> {
  const finder = cliProjectFinder(io);
  const files = await finder.envFilesOf(await finder.of(io.cwd, true));
  const sites: SecretReferenceSite[] = [];
  const unreadable: string[] = [];
  for (const file of files.sort()) {
    const shown = displayPath(io.cwd, file);
    let text: string;
    try {
      text = readEnvFileSync(file, shown).text;
    } catch {
      unreadable.push(shown);
      continue;
    }
    const doc = parseEnv(text);
    for (let i = 0; i < doc.entryCount; i++) {
      const entry = doc.entryAt(i);
      const reference = parseReference(entry.value);
      if (reference && vault.ownsReference(reference)?.name === name) sites.push({ file: shown, line: entry.line, key: entry.key });
    }
  }
  return { sites, unreadable };
}

/** The warning `vault delete` prints before deleting: files, lines and variables. */
export function referencesWarning(name: string, found: SecretReferences): string {
  const lines: string[] = [];
  if (found.sites.length > 0) {
    lines.push(`warning: ${found.sites.length} reference${found.sites.length === 1 ? '' : 's'} in this project still use${found.sites.length === 1 ? 's' : ''} ${name}; ${found.sites.length === 1 ? 'it' : 'they'} will no longer resolve:`);
    for (const site of found.sites) lines.push(`  ${site.file}:${site.line}  ${site.key}`);
  }
  for (const file of found.unreadable) lines.push(`note: ${file} could not be read, so its references were not checked`);
  return lines.map((l) => `${l}\n`).join('');
}
