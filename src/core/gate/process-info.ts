import { execFile } from 'node:child_process';
import { readFile, readlink } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * What the key agent knows of a process that asks for secrets, read by the agent itself from the
 * OS (never taken from the asking client's word): its real executable, its command line, its
 * parent, and on Linux its session, terminal and start time, which scope an approval.
 */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** The real executable (/proc/PID/exe), not argv[0]; undefined where the OS does not say. */
  readonly exe?: string;
  readonly argv: readonly string[];
  /** Linux: the session id (the session leader's pid), its controlling terminal, and when it started. */
  readonly sid?: number;
  readonly ttyNr?: number;
  /** Clock ticks since boot: with the pid, names one process across pid reuse. */
  readonly startTime?: number;
}

/** At most this many ancestors are read: a chain is a handful deep; a loop or a hostile tree stops here. */
const MAX_CHAIN = 32;
const MAX_ARG_CHARS = 400;

export async function readProcess(pid: number): Promise<ProcessInfo | undefined> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  return process.platform === 'linux' ? readLinuxProcess(pid) : readPsProcess(pid);
}

/** The process and its ancestors, nearest first, up to (not including) pid 1 or the first one that cannot be read. */
export async function processChain(pid: number): Promise<ProcessInfo[]> {
  const chain: ProcessInfo[] = [];
  const seen = new Set<number>();
  for (let current = pid; current > 1 && chain.length < MAX_CHAIN && !seen.has(current); ) {
    seen.add(current);
    const info = await readProcess(current);
    if (!info) break;
    chain.push(info);
    current = info.ppid;
  }
  return chain;
}

/**
 * Only the named variables of a process's environment (Linux: /proc/PID/environ, readable for the
 * user's own processes). Other variables, which may hold secrets, are never kept.
 */
export async function readEnvironment(pid: number, names: ReadonlySet<string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (process.platform !== 'linux') return found;
  let raw: Buffer;
  try {
    raw = await readFile(`/proc/${pid}/environ`);
  } catch {
    return found;
  }
  let start = 0;
  while (start < raw.length) {
    let end = raw.indexOf(0, start);
    if (end < 0) end = raw.length;
    const eq = raw.indexOf(0x3d, start);
    if (eq > start && eq < end) {
      const name = raw.toString('utf8', start, eq);
      if (names.has(name)) found.set(name, raw.toString('utf8', eq + 1, Math.min(end, eq + 1 + MAX_ARG_CHARS)));
    }
    start = end + 1;
  }
  return found;
}

/** One line for a human: the real executable, then the arguments (each cut at a few hundred characters). */
export function describeProcess(info: ProcessInfo): string {
  const [first, ...rest] = info.argv;
  const shown = [first ?? '?', ...rest].map((a) => (a.length > MAX_ARG_CHARS ? `${a.slice(0, MAX_ARG_CHARS)}…` : a)).join(' ');
  const exe = info.exe && first !== info.exe && path.basename(info.exe) !== first ? `${info.exe}: ` : '';
  return `${exe}${shown || `(pid ${info.pid})`}`;
}

/**
 * The program alone, for the ancestors of a requester: `bash`, `tmux`, `node claude`. Their full
 * command lines are not EnvGuard's to record (one may carry anything, a token among it).
 */
export function describeProgram(info: ProcessInfo): string {
  const program = path.basename(info.exe ?? info.argv[0] ?? '') || `pid ${info.pid}`;
  const script = /^(node|nodejs|bun|deno|python[0-9.]*)$/.test(program) ? info.argv.slice(1).find((a) => !a.startsWith('-')) : undefined;
  return script ? `${program} ${path.basename(script)}` : program;
}

async function readLinuxProcess(pid: number): Promise<ProcessInfo | undefined> {
  let stat: string;
  let cmdline: Buffer;
  try {
    [stat, cmdline] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/cmdline`)]);
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may itself hold spaces and parentheses: fields follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const number = (index: number) => Number(fields[index - 3]);
  const exe = await readlink(`/proc/${pid}/exe`).catch(() => undefined);
  const argv = cmdline.toString('utf8').split('\0');
  if (argv.at(-1) === '') argv.pop();
  return {
    pid, ppid: number(4), argv, sid: number(6), ttyNr: number(7), startTime: number(22),
    ...(exe !== undefined ? { exe: exe.replace(/ \(deleted\)$/, '') } : {}),
  };
}

/** macOS and other Unixes: ps. No session or terminal is read here, so approvals there are never shared by a session. */
function readPsProcess(pid: number): Promise<ProcessInfo | undefined> {
  if (process.platform === 'win32') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'ppid=', '-o', 'args=', '-p', String(pid)], { timeout: 2000 }, (error, stdout) => {
      const match = /^\s*(\d+)\s+(.*)$/.exec(String(stdout).trim());
      if (error || !match) return resolve(undefined);
      resolve({ pid, ppid: Number(match[1]), argv: match[2]!.split(' ') });
    });
  });
}
