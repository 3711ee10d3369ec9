import assert from 'node:assert/strict';
import { HOOK_TOOLS } from '../../../src/core/ai-ignore';
import { APPROVAL_POLICIES } from '../../../src/core/config/project-config';
import { optionLabel } from '../../../src/cli/help';
import { COMMAND_TABLES } from '../../../src/cli/tables';
import { parseRunArguments } from '../../../src/cli/commands/run';
import { runTable } from '../../../src/cli/commands/run.table';
import { makeProject, runCli } from '../support/cli';

/** `--help`, `-h` and `envguard help CMD [SUB]`, printed by the built CLI from the command tables. */
describe('envguard help (every command and subcommand)', function () {
  // A hundred short child processes: generous on a loaded machine.
  this.timeout(600_000);
  const cwd = process.cwd();

  it('prints, for every command, a synopsis, every option with its meaning, examples and exit codes, the same three ways', async () => {
    for (const table of COMMAND_TABLES) {
      const long = await runCli([table.name, '--help'], { cwd });
      assert.equal(long.code, 0, `${table.name} --help: ${long.stderr}`);
      const short = await runCli([table.name, '-h'], { cwd });
      const viaHelp = await runCli(['help', table.name], { cwd });
      assert.equal(short.stdout, long.stdout, `${table.name} -h`);
      assert.equal(viaHelp.stdout, long.stdout, `help ${table.name}`);
      const text = long.stdout;
      assert.match(text, new RegExp(`^envguard ${table.name}: `), table.name);
      assert.match(text, new RegExp(`\\nUsage:\\n  envguard ${table.name}\\b`), table.name);
      for (const [name, row] of Object.entries(table.options)) {
        assert.ok(text.includes(optionLabel(name, row)), `${table.name}: --${name} is listed`);
        assert.ok(text.replace(/\s+/g, ' ').includes(row.help.split(' ').slice(0, 4).join(' ')), `${table.name}: --${name}'s meaning is given`);
      }
      assert.match(text, /\n {2}-h, --help/, table.name);
      if (table.examples.length > 0) assert.match(text, /\nExamples:\n {2}\S/, table.name);
      assert.match(text, /\nExit codes:\n {2}\S+ +\S/, table.name);
      for (const code of table.exitCodes) assert.match(text, new RegExp(`\\n {2}${code.code} `), `${table.name}: exit ${code.code}`);
    }
  });

  it('prints each subcommand\'s own help (envguard help vault list, envguard vault list --help)', async () => {
    for (const table of COMMAND_TABLES) {
      for (const [name, sub] of Object.entries(table.subcommands ?? {})) {
        const viaHelp = await runCli(['help', table.name, name], { cwd });
        const viaOption = await runCli([table.name, name, '--help'], { cwd });
        assert.equal(viaHelp.code, 0, `help ${table.name} ${name}: ${viaHelp.stderr}`);
        assert.equal(viaOption.stdout, viaHelp.stdout, `${table.name} ${name} --help`);
        assert.match(viaHelp.stdout, new RegExp(`^envguard ${table.name} ${name}: `));
        for (const option of sub.options ?? []) assert.ok(viaHelp.stdout.includes(`--${option}`), `${table.name} ${name}: --${option}`);
        const others = Object.keys(table.options).filter((o) => !(sub.options ?? []).includes(o));
        for (const option of others) assert.ok(!viaHelp.stdout.includes(`--${option} `), `${table.name} ${name} does not list --${option}`);
      }
    }
  });

  it('help migrate is migrate\'s help, not the general one; unknown commands and subcommands are usage errors', async () => {
    const general = await runCli(['--help'], { cwd });
    const migrate = await runCli(['help', 'migrate'], { cwd });
    assert.notEqual(migrate.stdout, general.stdout);
    assert.match(migrate.stdout, /--dry-run +print the plan and write nothing/);
    assert.equal((await runCli(['help'], { cwd })).stdout, general.stdout);
    for (const table of COMMAND_TABLES) assert.match(general.stdout, new RegExp(`\\n {2}${table.name} +${table.summary.slice(0, 20).replace(/[()|[\]]/g, '\\$&')}`));
    const unknown = await runCli(['help', 'bogus'], { cwd });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'bogus'/);
    const unknownSub = await runCli(['help', 'vault', 'bogus'], { cwd });
    assert.equal(unknownSub.code, 2);
    assert.match(unknownSub.stderr, /'vault' has no subcommand 'bogus' \(it has init, protect/);
  });

  it('finds --help after an option\'s value, but never in what run passes to its command', async () => {
    const p = makeProject({ '.env': 'PORT=3000\n', 'echo.js': 'process.stdout.write(JSON.stringify(process.argv.slice(2)))\n' });
    try {
      const scan = await runCli(['scan', '--format', 'json', '--help'], { cwd: p.dir });
      assert.match(scan.stdout, /^envguard scan: /);
      // Everything after the command's name, or after --, is the command's, --help and -h included.
      const echo = [process.execPath, 'echo.js'];
      for (const args of [['run', '--', ...echo, '--help', '-h', '--', '-f'], ['run', '-f', '.env', ...echo, '--help', '-h']]) {
        const run = await runCli(args, { cwd: p.dir });
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout), args.includes('--') && args.indexOf('--') < 3 ? ['--help', '-h', '--', '-f'] : ['--help', '-h']);
      }
      const runHelp = await runCli(['run', '-f', '.env', '--help'], { cwd: p.dir });
      assert.match(runHelp.stdout, /^envguard run: [^]*126 +CMD was found but is not executable/);
    } finally {
      p.cleanup();
    }
  });

  it('the parser knows exactly the options the table lists: an option not in it is a usage error', async () => {
    const p = makeProject({});
    try {
      for (const table of COMMAND_TABLES.filter((t) => t.name !== 'agent')) {
        const result = await runCli([table.name, '--not-an-option', 'x'], { cwd: p.dir, env: { ENVGUARD_HOME: `${p.dir}/home`, ENVGUARD_KEY_STORE: 'file' } });
        assert.equal(result.code, 2, `${table.name}: ${result.stderr}`);
        assert.match(result.stderr, /(Unknown option|unknown option) '--not-an-option'/, table.name);
      }
    } finally {
      p.cleanup();
    }
  });

  it('run\'s own parser (everything after the command is the command\'s) takes every option of its table', () => {
    for (const [name, row] of Object.entries(runTable.options)) {
      const value = row.type === 'string' ? ['x.env'] : [];
      for (const flag of [`--${name}`, ...('short' in row ? [`-${row.short}`] : [])]) {
        const parsed = parseRunArguments([flag, ...value, 'cmd', '--help']);
        assert.notEqual(parsed, 'help', flag);
        assert.deepEqual(parsed !== 'help' && parsed.command, ['cmd', '--help'], flag);
      }
    }
  });

  it('lists the same choices as the core: hook tools, approval policies', () => {
    const hook = COMMAND_TABLES.find((t) => t.name === 'hook')!;
    assert.deepEqual(hook.arguments?.[0]?.choices, HOOK_TOOLS);
    const approval = COMMAND_TABLES.find((t) => t.name === 'approval')!;
    assert.deepEqual(approval.subcommands?.['set']?.arguments?.[0]?.choices, APPROVAL_POLICIES);
  });
});
