import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMAND_TABLES } from '../../../src/cli/tables';
import { makeProject, runCli } from '../support/cli';

function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

/** Runs a shell script in `dir` and returns its stdout (failing the test on a non-zero exit). */
function shell(program: string, args: string[], dir: string): string {
  const result = spawnSync(program, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir } });
  assert.equal(result.status, 0, `${program}: ${result.stderr}`);
  return result.stdout;
}

/**
 * `envguard completion SHELL`, generated from the command tables: sourced in the real bash, zsh and
 * fish, then asked for completions as each shell asks. PowerShell cannot run here: its text is checked.
 */
describe('envguard completion (bash, zsh, fish, powershell)', function () {
  this.timeout(120_000);
  let project: ReturnType<typeof makeProject>;
  before(() => { project = makeProject({ '.env': 'PORT=1\n', 'config/app.env': 'A=1\n' }); });
  after(() => project.cleanup());

  async function script(name: string): Promise<string> {
    const result = await runCli(['completion', name], { cwd: project.dir });
    assert.equal(result.code, 0, result.stderr);
    const file = path.join(project.dir, `envguard.${name}`);
    writeFileSync(file, result.stdout);
    return file;
  }

  // Each case: the words typed (the last one being completed), what must be offered, what must not.
  const CASES: [string[], string[], string[]][] = [
    [['envguard', 'sc'], ['scan'], ['migrate']],
    [['envguard', ''], [...COMMAND_TABLES.map((t) => t.name), 'help'], []],
    [['envguard', 'vault', ''], ['list', 'set', 'delete', 'recover', 'confirm', 'log'], ['--vault']],
    [['envguard', 'vault', 'list', '--'], ['--vault', '--format', '--help'], ['--yes']],
    [['envguard', 'vault', 'delete', 'X', '--'], ['--vault', '--yes', '--format'], ['--deleted']],
    [['envguard', 'scan', '--format', ''], ['text', 'json', 'sarif'], []],
    [['envguard', 'scan', '-f', 'j'], ['json'], ['text']],
    [['envguard', 'migrate', '--reference-style', ''], ['app-service', 'vals'], []],
    [['envguard', 'hook', ''], ['claude', 'cursor', 'windsurf', 'gemini'], []],
    [['envguard', 'approval', 'set', ''], ['every-time', 'session', 'none'], []],
    [['envguard', 'completion', ''], ['bash', 'zsh', 'fish', 'powershell'], []],
    [['envguard', 'help', 'vau'], ['vault'], []],
    [['envguard', 'help', 'project', ''], ['link', 'claim', 'share', 'unshare'], []],
    [['envguard', 'protect', '--'], ['--check', '--enable-sandbox', '--format'], []],
    [['envguard', 'scan', 'conf'], ['config'], []],
    [['envguard', 'run', '--env-file', 'conf'], ['config'], []],
    [['envguard', 'run', '--', 'nod'], ['node'], []],
    [['envguard', 'run', '--redact', 'nod'], ['node'], []],
    // A comma-separated list: after the last comma, the ids not chosen yet, after what is typed ('all' only alone).
    [['envguard', 'protect', '--tools', ''], ['all', 'claude-code', 'cursor'], []],
    [['envguard', 'protect', '--tools', 'claude-code,cur'], ['claude-code,cursor'], ['cursor', 'claude-code,claude-code', 'claude-code,all']],
    [['envguard', 'protect', '--tools', 'claude-code,'], ['claude-code,cursor', 'claude-code,copilot', 'claude-code,kiro'], ['claude-code,claude-code', 'claude-code,all', 'claude-code']],
    [['envguard', 'ignore', '--tools', 'cursor,claude-code,c'], ['cursor,claude-code,copilot', 'cursor,claude-code,codex'], ['cursor,claude-code,cursor', 'cursor,claude-code,claude-code']],
  ];

  it('bash: sourced, registers _envguard and completes commands, subcommands, options and their values', async function () {
    if (!has('bash')) this.skip();
    const file = await script('bash');
    const lines = [`source ${JSON.stringify(file)}`, 'complete -p envguard'];
    for (const words of CASES.map((c) => c[0])) {
      lines.push(`COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _envguard; echo "@@ \${COMPREPLY[*]}"`);
    }
    const out = shell('bash', ['-c', lines.join('\n')], project.dir).split('\n');
    assert.equal(out[0], 'complete -F _envguard envguard');
    checkAll(out.filter((l) => l.startsWith('@@')).map((l) => l.slice(3).split(' ').map((w) => w.replace(/\/$/, ''))));
    // A word after run's command is that command's: no envguard option is offered.
    const after = shell('bash', ['-c', `source ${JSON.stringify(file)}; COMP_WORDS=(envguard run -- node --re); COMP_CWORD=4; _envguard; echo "\${COMPREPLY[*]}"`], project.dir);
    assert.equal(after.trim(), '');
    // What is typed before the last comma is never expanded: a backquoted command in it does not run on TAB.
    const marker = path.join(project.dir, 'ran-on-tab');
    const typed = `\`touch ${marker}\`,cu`;
    const listed = shell('bash', ['-c', `source ${JSON.stringify(file)}; COMP_WORDS=(envguard protect --tools '${typed}'); COMP_CWORD=3; _envguard; printf '%s\\n' "\${COMPREPLY[@]}"`], project.dir);
    assert.equal(existsSync(marker), false, 'the typed command ran');
    assert.equal(listed.trim(), `\`touch ${marker}\`,cursor`);
  });

  it('zsh: compinit registers _envguard, which offers the same words with their descriptions', async function () {
    if (!has('zsh')) this.skip();
    const file = await script('zsh');
    // compsys's own functions print what they were given; zsh then matches them against the prefix itself.
    const stubs = [
      'autoload -U compinit && compinit -u -d "$PWD/.zcompdump"',
      `source ${JSON.stringify(file)}`,
      'print -r -- "registered $_comps[envguard]"',
      '_describe() { local name=${@[-1]}; local -a items; items=("${(@P)name}"); print -r -- @@ ${items%%:*}; }',
      'compadd() { shift; print -r -- "@@ $*"; }',
      '_files() { print -r -- "@@ ${(j: :)$(print -l ${words[CURRENT]}*(N))}"; }',
      '_command_names() { print -r -- "@@ ${(j: :)${(k)commands[(I)${words[CURRENT]}*]}}"; }',
    ];
    const calls = CASES.map(([words]) => `words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _envguard`);
    const out = shell('zsh', ['-c', [...stubs, ...calls].join('\n')], project.dir).split('\n');
    assert.equal(out[0], 'registered _envguard');
    const offered = out.filter((l) => l.startsWith('@@')).map((l) => l.slice(3).split(' ').map((w) => w.replace(/\\:/g, ':')));
    // zsh filters by the typed prefix itself: keep what starts with it, as zsh would.
    checkAll(offered.map((words, i) => words.filter((w) => w.startsWith(CASES[i]![0].at(-1)!))));
    const script_ = await runCli(['completion', 'zsh'], { cwd: project.dir });
    assert.match(script_.stdout, /^#compdef envguard\n/);
    assert.match(script_.stdout, /'--dry-run:print the plan and write nothing'/);
  });

  it('fish: complete -C offers the same words', async function () {
    if (!has('fish')) this.skip();
    const file = await script('fish');
    const lines = [`source ${JSON.stringify(file)}`, ...CASES.map(([words]) => `echo "@@ "(complete -C ${quoteFish(words.join(' '))} | string replace -r '\\t.*' '' | string join ' ')`)];
    const out = shell('fish', ['-c', lines.join('\n')], project.dir).split('\n');
    checkAll(out.filter((l) => l.startsWith('@@')).map((l) => l.slice(3).split(' ').map((w) => w.replace(/\/$/, ''))));
    const described = shell('fish', ['-c', `source ${JSON.stringify(file)}; complete -C 'envguard migrate --dry'`], project.dir);
    assert.match(described, /^--dry-run\tprint the plan and write nothing/m);
    // The --tools=a,b form: the ids given are those after the '='.
    const joined = shell('fish', ['-c', `source ${JSON.stringify(file)}; complete -C 'envguard protect --tools=claude-code,' | string replace -r '\\t.*' ''`], project.dir).split('\n');
    assert.ok(joined.includes('--tools=claude-code,cursor'), joined.join(' '));
    assert.ok(!joined.includes('--tools=claude-code,claude-code'), joined.join(' '));
  });

  it('powershell: a native argument completer holding every command, subcommand, option and choice', async () => {
    const result = await runCli(['completion', 'powershell'], { cwd: project.dir });
    assert.equal(result.code, 0);
    const text = result.stdout;
    assert.match(text, /Register-ArgumentCompleter -Native -CommandName envguard -ScriptBlock \{/);
    for (const table of COMMAND_TABLES) {
      assert.ok(text.includes(`'${table.name}' = @{ Summary = '${table.summary.replace(/'/g, "''")}'`), table.name);
      for (const option of Object.keys(table.options)) assert.ok(text.includes(`Name = '--${option}'`), `${table.name} --${option}`);
      for (const sub of Object.keys(table.subcommands ?? {})) assert.ok(text.includes(`'${table.name} ${sub}' = @{`), `${table.name} ${sub}`);
    }
    assert.ok(text.includes("Choices = @('text', 'json', 'sarif')"));
    // Balanced braces and parentheses, outside quoted strings: the script at least parses as blocks.
    const code = text.replace(/'(?:[^']|'')*'/g, "''").replace(/"[^"]*"/g, '""').replace(/^#.*$/gm, '');
    for (const [open, close] of [['{', '}'], ['(', ')'], ['[', ']']] as const) assert.equal(code.split(open).length, code.split(close).length, `${open}${close}`);
  });

  it('refuses an unknown shell as a usage error', async () => {
    const result = await runCli(['completion', 'tcsh'], { cwd: project.dir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown shell 'tcsh': expected one of bash, zsh, fish, powershell/);
  });

  function checkAll(offered: string[][]): void {
    assert.equal(offered.length, CASES.length);
    CASES.forEach(([words, wanted, unwanted], i) => {
      for (const w of wanted) assert.ok(offered[i]!.includes(w), `${words.join(' ')}| offers ${w}: got ${offered[i]!.join(' ')}`);
      for (const w of unwanted) assert.ok(!offered[i]!.includes(w), `${words.join(' ')}| does not offer ${w}`);
    });
  }
});

function quoteFish(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
