import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../../files/atomic-write';
import { describeFsError, errorCode } from '../../files/fs-errors';
import { VaultError } from '../types';
import { PRIVATE_FILE_MODE } from './home';

/**
 * The highest store generation this vault has written, kept outside the store file. A whole store
 * put back from a backup is authentic (its index MAC is right) but older: its generation is below
 * this counter, and the vault refuses it instead of serving yesterday's values. Written after each
 * store write; a crash between the two leaves the counter behind, never ahead.
 */
export const COUNTER_FILE_NAME = 'vault.generation';

export async function readGeneration(home: string): Promise<number> {
  const file = path.join(home, COUNTER_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 0;
    throw new VaultError('unknown', `cannot read the local vault's generation counter ${file}: ${describeFsError(error)}`);
  }
  let generation: unknown;
  try {
    generation = (JSON.parse(text) as { generation?: unknown } | null)?.generation;
  } catch {
    generation = undefined;
  }
  if (typeof generation !== 'number' || !Number.isSafeInteger(generation) || generation < 0) {
    throw new VaultError('corrupt', `the local vault's generation counter ${file} is damaged; if you restored the vault on purpose, remove that file`);
  }
  return generation;
}

export async function writeGeneration(home: string, generation: number): Promise<void> {
  await writeFileAtomic(path.join(home, COUNTER_FILE_NAME), `${JSON.stringify({ generation })}\n`, { mode: PRIVATE_FILE_MODE });
}
