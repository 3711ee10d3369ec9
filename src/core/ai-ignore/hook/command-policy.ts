/**
 * Would this shell command, or this file read, put a secret in front of the agent? The rules, each
 * with an id named in the block message (never a value):
 * - env-file: a program that reads files is given an env file (`cat .env`, `python -c "open('.env')"`,
 *   `node --env-file=.env`, `source .env`, `< .env`); templates (`.env.example`) stay readable, and
 *   programs that only name a file (`ls`, `rm`, `git add`, `envguard scan`) may name env files;
 * - env-dump: the environment is printed (`printenv`, `env`, `set`, `export -p`, `declare -p`);
 * - run-output: a command under `envguard run` prints what it resolves (an inline script, `echo $X`);
 * - vault: the EnvGuard vault's folder is named; proc-environ: `/proc/…/environ` is read;
 * - unreadable: the command is too long or nested too deep to check (blocked: a door stays shut).
 * Only string scans and the linear lexer (shell-words.ts): no regex backtracking, no input can stall it.
 */
import { isEnvFileName, isEnvTemplateName } from '../../files/env-file-names';
import { simpleCommands, type SimpleCommand } from './shell-words';

export type RuleId = 'env-file' | 'env-dump' | 'run-output' | 'vault' | 'proc-environ' | 'unreadable';

export type Verdict = { readonly blocked: false } | { readonly blocked: true; readonly rule: RuleId; readonly what: string };

export interface PolicyContext {
  /** The vault's folder on this machine (ENVGUARD_HOME when set), besides the platforms' defaults. */
  readonly vaultHome?: string | undefined;
}

/** Longer commands are refused unread (a payload is parsed whole first). */
export const MAX_COMMAND_LENGTH = 1024 * 1024;
const MAX_DEPTH = 4;
const ALLOW: Verdict = { blocked: false };

const VAULT_MARKERS = ['.local/share/envguard', 'Application Support/EnvGuard', 'AppData/Roaming/EnvGuard', 'AppData\\Roaming\\EnvGuard', '$ENVGUARD_HOME', '${ENVGUARD_HOME}'];

/** Programs that only name the files they are given, or show them to the user rather than print them. */
const NAMING_ONLY = new Set([
  'ls', 'dir', 'stat', 'touch', 'rm', 'rmdir', 'mkdir', 'chmod', 'chown', 'chgrp', 'test', '[', '[[', 'file', 'wc',
  'echo', 'printf', 'realpath', 'readlink', 'basename', 'dirname', 'which', 'type', 'code', 'cursor', 'windsurf', 'zed',
  'open', 'xdg-open', 'trash', 'gitleaks', 'secretlint', 'dotenv-linter',
]);
/** git subcommands that do not print a file's contents. */
const GIT_NAMING = new Set(['add', 'rm', 'mv', 'status', 'check-ignore', 'ls-files', 'restore', 'checkout', 'commit', 'stash', 'reset', 'clean', 'update-index', 'switch']);
/** envguard commands that never print a value (`run` is judged on what it runs). */
const ENVGUARD_NAMING = new Set(['scan', 'migrate', 'protect', 'ignore', 'project', 'vault', 'hook', '--help', '-h', '--version', '-v']);
/** Programs that read every operand but the last, which they write. */
const COPIERS = new Set(['cp', 'mv', 'install', 'rsync', 'scp', 'ln']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'fish', 'busybox']);
const INLINE_CODE: Readonly<Record<string, readonly string[]>> = {
  python: ['-c'], node: ['-e', '-p', '--eval', '--print'], deno: ['eval'], bun: ['-e', '--eval', '-p', '--print'],
  ruby: ['-e'], perl: ['-e', '-E'], php: ['-r'], osascript: ['-e'],
};
/** Wrappers whose arguments, after their own options, are the command that runs. */
const WRAPPERS: Readonly<Record<string, number>> = {
  // the number of option arguments that take a value is looked up per option below; these take none by default
  sudo: 0, doas: 0, nohup: 0, nice: 0, time: 0, command: 0, builtin: 0, exec: 0, stdbuf: 0, xargs: 0,
  timeout: 1, noglob: 0, nocorrect: 0, npx: 0, bunx: 0, unbuffer: 0, chronic: 0, ionice: 0, setsid: 0, watch: 0,
};
const OPTIONS_WITH_VALUE: Readonly<Record<string, ReadonlySet<string>>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']),
  nice: new Set(['-n']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  exec: new Set(['-a']),
  xargs: new Set(['-I', '-L', '-n', '-P', '-s', '-d', '-E', '-a']),
  env: new Set(['-u', '-C', '-S', '--unset', '--chdir', '--split-string']),
  ionice: new Set(['-c', '-n', '-p']),
  watch: new Set(['-n', '-d']),
  'envguard-run': new Set(['--env-file', '--env', '-e', '--vault']),
};

/** The verdict on a file an agent's file tool is about to read. */
export function judgeRead(file: string, context: PolicyContext = {}): Verdict {
  return judgeToken(file, context) ?? ALLOW;
}

/** The verdict on a shell command line an agent is about to run. */
export function judgeCommand(commandLine: string, context: PolicyContext = {}): Verdict {
  if (commandLine.length > MAX_COMMAND_LENGTH) return { blocked: true, rule: 'unreadable', what: 'a command too long to check' };
  return judgeLine(commandLine, context, 0, false);
}

function judgeLine(commandLine: string, context: PolicyContext, depth: number, underRun: boolean): Verdict {
  if (depth > MAX_DEPTH) return { blocked: true, rule: 'unreadable', what: 'commands nested too deep to check' };
  const commands = simpleCommands(commandLine);
  let namesEnvFile = false;
  for (const command of commands) {
    const verdict = judgeSimple(command, context, depth, underRun);
    if (verdict.blocked) return verdict;
    if (command.words.some((word) => envFileIn(word) !== undefined)) namesEnvFile = true;
  }
  // `find . -name .env | xargs cat`: the names reach a reader through the pipe.
  if (namesEnvFile && commands.some((command) => programOf(command.words[0]) === 'xargs')) {
    return { blocked: true, rule: 'env-file', what: 'env file names passed to xargs' };
  }
  return ALLOW;
}

function judgeSimple(command: SimpleCommand, context: PolicyContext, depth: number, underRun: boolean): Verdict {
  for (const word of [...command.words, ...command.outputs]) {
    const verdict = judgeLocation(word, context);
    if (verdict) return verdict;
  }
  const words = stripAssignments(command.words);
  if (command.continued) return readsEnvFile(undefined, words) ?? ALLOW;
  // `export $(…)`: a substitution gives the arguments, so this is not a bare `export`.
  if (command.interrupted && dumpVerdict(programOf(words[0]) ?? '', words.slice(1))) return ALLOW;
  return judgeWords(words, command.heredocs, context, depth, underRun);
}

/** The verdict on one program run with `words` (its name first) and here-documents on its input. */
function judgeWords(words: readonly string[], heredocs: readonly string[], context: PolicyContext, depth: number, underRun: boolean): Verdict {
  if (depth > MAX_DEPTH) return { blocked: true, rule: 'unreadable', what: 'commands nested too deep to check' };
  const program = programOf(words[0]);
  const args = words.slice(1);
  if (program === undefined) return ALLOW;

  if (program === 'env') {
    const rest = afterOptions('env', args, true);
    return rest.length === 0 ? dump('env') : judgeWords(rest, heredocs, context, depth + 1, underRun);
  }
  if (program in WRAPPERS) {
    if (program === 'command' && (args[0] === '-v' || args[0] === '-V')) return ALLOW;
    const rest = afterOptions(program, args, false).slice(WRAPPERS[program] ?? 0);
    return rest.length === 0 ? ALLOW : judgeWords(rest, heredocs, context, depth + 1, underRun);
  }
  const dumped = dumpVerdict(program, args);
  if (dumped) return dumped;

  if (SHELLS.has(program)) {
    const script = shellScript(args);
    const scripts = script === undefined ? heredocs : [script];
    for (const body of scripts) {
      const verdict = judgeLine(body, context, depth + 1, underRun);
      if (verdict.blocked) return verdict;
    }
    return readsEnvFile(program, args) ?? ALLOW;
  }
  if (program === 'eval') return judgeLine(args.join(' '), context, depth + 1, underRun);
  if (program === 'envguard') return judgeEnvguard(args, heredocs, context, depth);
  if (program === 'git' && args.length > 0 && GIT_NAMING.has(args[0]!)) return ALLOW;
  const printer = program === 'echo' || program === 'printf';
  if (underRun && printer && args.some((arg) => arg.includes('$'))) return runOutput(program);
  if (NAMING_ONLY.has(program)) return ALLOW;

  const interpreter = interpreterOf(program);
  if (interpreter !== undefined) {
    if (underRun && (args.some((arg) => INLINE_CODE[interpreter]!.includes(arg)) || heredocs.length > 0)) return runOutput(`${program} with an inline script`);
    const verdict = readsEnvFile(program, heredocs);
    if (verdict) return verdict;
  }
  if (COPIERS.has(program)) {
    // The last operand is where the copy goes (written): only the sources are read.
    const operands = args.filter((arg) => !arg.startsWith('-'));
    return readsEnvFile(program, operands.slice(0, -1)) ?? ALLOW;
  }
  if (program === 'find') {
    const runs = args.some((arg) => arg.startsWith('-exec') || arg.startsWith('-ok') || arg === '-fprint' || arg === '-fls');
    if (!runs) return ALLOW;
    return readsEnvFile(program, args) ?? judgeWords(findExecCommand(args), [], context, depth + 1, underRun);
  }
  return readsEnvFile(program, args) ?? ALLOW;
}

/** `printenv`, bare `env`/`set`/`export`, `export -p`, `declare -p`/`-x`: the environment printed. */
function dumpVerdict(program: string, args: readonly string[]): Verdict | undefined {
  if (program === 'printenv') return dump('printenv');
  if (program === 'set' && args.length === 0) return dump('set');
  if (program === 'export' && args.every((arg) => arg === '-p')) return dump('export');
  if (program === 'declare' || program === 'typeset') {
    if (args.length === 0 || args.some((arg) => arg.startsWith('-') && (arg.includes('p') || arg.includes('x')))) return dump(program);
  }
  return undefined;
}

function judgeEnvguard(args: readonly string[], heredocs: readonly string[], context: PolicyContext, depth: number): Verdict {
  const subcommand = args[0];
  if (subcommand === 'run') {
    const rest = afterOptions('envguard-run', args.slice(1), false);
    const inner = rest[0] === '--' ? rest.slice(1) : rest;
    return inner.length === 0 ? ALLOW : judgeWords(inner, heredocs, context, depth + 1, true);
  }
  if (subcommand === undefined || ENVGUARD_NAMING.has(subcommand)) return ALLOW;
  return readsEnvFile('envguard', args) ?? ALLOW;
}

/** A word naming the vault's folder or a process's environment file. */
function judgeLocation(word: string, context: PolicyContext): Verdict | undefined {
  if (VAULT_MARKERS.some((marker) => word.includes(marker)) || (context.vaultHome !== undefined && context.vaultHome.length > 1 && word.includes(context.vaultHome))) {
    return { blocked: true, rule: 'vault', what: "the EnvGuard vault's folder" };
  }
  if (word.includes('/proc/') && word.includes('/environ')) return { blocked: true, rule: 'proc-environ', what: "a process's environment (/proc/…/environ)" };
  return undefined;
}

function judgeToken(file: string, context: PolicyContext): Verdict | undefined {
  const location = judgeLocation(file.replace(/\\/g, '/'), context) ?? judgeLocation(file, context);
  if (location) return location;
  const name = envFileIn(file);
  return name === undefined ? undefined : { blocked: true, rule: 'env-file', what: `the env file ${name}` };
}

function readsEnvFile(program: string | undefined, words: readonly string[]): Verdict | undefined {
  for (const word of words) {
    const name = envFileIn(word);
    if (name !== undefined) return { blocked: true, rule: 'env-file', what: `${name} given to ${program ?? 'a command whose program is computed'}` };
  }
  return undefined;
}

const dump = (program: string): Verdict => ({ blocked: true, rule: 'env-dump', what: `the environment printed by ${program}` });
const runOutput = (what: string): Verdict => ({ blocked: true, rule: 'run-output', what: `values resolved by envguard run, printed by ${what}` });

const PATH_CHARACTER = /[A-Za-z0-9._~\-/@+%]/;

/** The first env file (not a template) named anywhere in `text`, as its base name. */
export function envFileIn(text: string): string | undefined {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const char = text[i];
    if (char !== undefined && PATH_CHARACTER.test(char)) {
      if (start === -1) start = i;
      continue;
    }
    if (start !== -1) {
      const token = text.slice(start, i);
      const name = token.slice(token.lastIndexOf('/') + 1);
      if (isEnvFileName(name) && !isEnvTemplateName(name)) return name;
      start = -1;
    }
  }
  return undefined;
}

/** The program's base name (`/usr/bin/cat` → cat, `python3.12` → python3.12). */
function programOf(word: string | undefined): string | undefined {
  if (word === undefined || word === '') return undefined;
  return word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1);
}

function interpreterOf(program: string): string | undefined {
  if (program.startsWith('python')) return 'python';
  const base = program.replace(/\.exe$/i, '');
  return base in INLINE_CODE ? base : undefined;
}

/** Leading `NAME=value` assignments run nothing. */
function stripAssignments(words: readonly string[]): string[] {
  let index = 0;
  while (index < words.length && isAssignment(words[index]!)) index++;
  return words.slice(index);
}

function isAssignment(word: string): boolean {
  const equals = word.indexOf('=');
  if (equals <= 0) return false;
  for (let i = 0; i < equals; i++) {
    const char = word[i]!;
    const letter = (char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z') || char === '_';
    if (!letter && !(i > 0 && char >= '0' && char <= '9')) return false;
  }
  return true;
}

/** The words after a program's own options (and, for env, its assignments). */
function afterOptions(program: string, args: readonly string[], assignments: boolean): string[] {
  const withValue = OPTIONS_WITH_VALUE[program] ?? new Set<string>();
  let index = 0;
  while (index < args.length) {
    const arg = args[index]!;
    if (arg === '--' && program !== 'envguard-run') return args.slice(index + 1);
    if (arg.startsWith('-') && arg !== '-' && arg !== '--') {
      index += withValue.has(arg) ? 2 : 1;
    } else if (assignments && isAssignment(arg)) {
      index++;
    } else {
      break;
    }
  }
  return args.slice(index);
}

/** The script of `sh -c SCRIPT` (also `-lc`, `-ec`), undefined when the shell reads no `-c`. */
function shellScript(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (!arg.startsWith('-') || arg.startsWith('--')) {
      if (!arg.startsWith('-')) return undefined;
      continue;
    }
    if (arg.includes('c')) return args[index + 1] ?? '';
  }
  return undefined;
}

/** The command `find … -exec CMD {} ;` runs. */
function findExecCommand(args: readonly string[]): string[] {
  const start = args.findIndex((arg) => arg.startsWith('-exec') || arg.startsWith('-ok'));
  const command: string[] = [];
  for (const arg of args.slice(start + 1)) {
    if (arg === ';' || arg === '+') break;
    command.push(arg);
  }
  return command;
}
