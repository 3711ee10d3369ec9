import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { withFileLock } from '../files/lock';
import { describeFsError, errorCode } from '../files/fs-errors';
import { PRIVATE_FILE_MODE } from '../vault/local/home';
import { macMatches, macOf } from './derived-keys';

/**
 * Every approval, denial and release, one JSON object per line in `releases.jsonl` beside the
 * vault: append-only, each line carrying the SHA-256 of the line before it and a MAC under a key
 * derived from the vault key, so a line removed, changed or inserted by anyone without the key is
 * found by `envguard vault log --verify`. Names, projects, environments, the command and its
 * process chain: never a value (values released are masked out of the command text before it is
 * recorded). The later audit feature reads this file.
 */
export const RELEASE_LOG_FILE_NAME = 'releases.jsonl';
const GENESIS = '0'.repeat(64);

export type ReleaseEvent = 'unlocked' | 'locked' | 'approved' | 'denied' | 'refused' | 'released' | 'imported' | 'policy-changed';

export interface ReleaseRecord {
  readonly event: ReleaseEvent;
  readonly names?: readonly string[];
  /** `project/environment` pairs the names belong to. */
  readonly scopes?: readonly string[];
  readonly vault?: string;
  /** What approved: a VS Code dialog, the passphrase, a debug launch (F5), the policy, or an automation vault. */
  readonly channel?: 'vscode' | 'passphrase' | 'debug-launch' | 'session' | 'policy' | 'automation';
  readonly scope?: 'once' | 'session';
  readonly requester?: {
    readonly pid?: number;
    readonly command: string;
    readonly chain?: readonly string[];
    readonly agent?: string;
    readonly purpose?: string;
  };
  readonly reason?: string;
}

export interface LoggedRecord extends ReleaseRecord {
  readonly seq: number;
  readonly time: string;
  readonly prev: string;
  readonly mac: string;
}

export function releaseLogFile(home: string): string {
  return path.join(home, RELEASE_LOG_FILE_NAME);
}

/** Appends records; one writer per process, serialised here, and across processes by the log's lock. */
export class ReleaseLog {
  private queue: Promise<void> = Promise.resolve();
  /** The sole writer's last line, kept: the file is read once. */
  private last: string | undefined | null = null;

  /**
   * `key`: gateKey(vault key, 'release log'). `sole`: this process is the only writer (the key agent,
   * which holds the vault's socket), so no file lock is taken; other writers (automation vaults,
   * many processes) lock the log for each record.
   */
  constructor(readonly home: string, private readonly key: Buffer, private readonly sole = false) {}

  /** Resolves once the record is in the file (written, not fsynced: a power cut may lose the last lines, a killed process does not). */
  append(record: ReleaseRecord): Promise<void> {
    const next = this.queue.then(() => this.write(record));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(record: ReleaseRecord): Promise<void> {
    const file = releaseLogFile(this.home);
    const append = async () => {
      const last = this.sole && this.last !== null ? this.last : await lastLine(file);
      const previous = last === undefined ? undefined : safeParse(last);
      const body = { seq: (previous?.seq ?? 0) + 1, time: new Date().toISOString(), ...record, prev: last === undefined ? GENESIS : sha256(last) };
      const line = JSON.stringify({ ...body, mac: macOf(this.key, JSON.stringify(body)) });
      const handle = await fs.open(file, 'a', PRIVATE_FILE_MODE);
      try {
        await handle.appendFile(`${line}\n`, 'utf8');
      } finally {
        await handle.close();
      }
      this.last = line;
    };
    if (this.sole) await append();
    else await withFileLock(file, append);
  }
}

export interface LogVerification {
  readonly records: LoggedRecord[];
  /** The first line that does not verify (1-based) and why; undefined when the whole log verifies. */
  readonly broken?: { readonly line: number; readonly reason: string };
}

/** Reads the whole log and checks its chain and MACs. */
export async function readReleaseLog(home: string, key: Buffer): Promise<LogVerification> {
  let text: string;
  try {
    text = await fs.readFile(releaseLogFile(home), 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { records: [] };
    throw new Error(`cannot read ${releaseLogFile(home)}: ${describeFsError(error)}`);
  }
  const records: LoggedRecord[] = [];
  let prev = GENESIS;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const record = safeParse(line);
    const broken = (reason: string) => ({ records, broken: { line: i + 1, reason } });
    if (!record) return broken('it is not a record');
    const { mac, ...body } = record;
    if (!macMatches(key, JSON.stringify(body), mac)) return broken('its MAC does not verify (written or changed outside EnvGuard)');
    if (record.prev !== prev) return broken('the line before it was removed, changed or reordered');
    if (record.seq !== records.length + 1) return broken(`its number is ${record.seq}, expected ${records.length + 1}`);
    records.push(record);
    prev = sha256(line);
  }
  return { records };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function safeParse(line: string): LoggedRecord | undefined {
  try {
    const value = JSON.parse(line) as LoggedRecord | null;
    return value && typeof value === 'object' && typeof value.seq === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The last line of the file without reading it whole (records are short; 64 KiB holds many). */
async function lastLine(file: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return undefined;
    for (let span = 64 * 1024; ; span *= 4) {
      const start = Math.max(0, size - span);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const text = buffer.toString('utf8').replace(/\n$/, '');
      const cut = text.lastIndexOf('\n');
      if (cut >= 0 || start === 0) return text.slice(cut + 1);
    }
  } finally {
    await handle.close();
  }
}
