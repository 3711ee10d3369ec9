/**
 * `envguard protect` as users run it (the built CLI in a child process, on real folders): the
 * per-tool report of --check, the sandbox only when asked, the user's own settings merged into.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeProject, runCli } from '../support/cli';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((cleanup) => cleanup()));

function folder(files: Record<string, string> = {}): string {
  const project = makeProject(files);
  cleanups.push(project.cleanup);
  return project.dir;
}

/** A HOME of the test's own (no user settings of the machine leak in), and a PATH with or without an `envguard`. */
function environment(options: { envguardOnPath: boolean; home?: Record<string, string> }): NodeJS.ProcessEnv {
  const home = folder(options.home ?? {});
  const bin = folder();
  if (options.envguardOnPath) {
    writeFileSync(path.join(bin, 'envguard'), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(bin, 'envguard'), 0o755);
  }
  return { HOME: home, PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}` };
}

function toolLine(stdout: string, tool: string): string {
  return stdout.split('\n').find((line) => line.trim().endsWith(tool) && /^\s{2}\S/.test(line))?.trim() ?? `(no line for ${tool})`;
}

describe('envguard protect (CLI)', function () {
  this.timeout(120_000);

  it('--check reports per tool: not protected before, then what each covers, and the sandbox off', async () => {
    const dir = folder();
    const env = environment({ envguardOnPath: true });
    const before = await runCli(['protect', '--check'], { cwd: dir, env });
    assert.equal(before.code, 1);
    assert.match(toolLine(before.stdout, 'Claude Code'), /^not protected/);
    assert.match(toolLine(before.stdout, 'GitHub Copilot agent mode, CLI and coding agent'), /^honours nothing/);

    assert.equal((await runCli(['protect'], { cwd: dir, env })).code, 0);
    const after = await runCli(['protect', '--check'], { cwd: dir, env });
    assert.equal(after.code, 0, after.stdout);
    assert.match(toolLine(after.stdout, 'Claude Code'), /^partial/);
    assert.match(after.stdout, /sandbox off: .*'envguard protect --enable-sandbox'/);
    for (const tool of ['Codex', 'Cursor', 'Windsurf', 'Gemini CLI', 'Zed']) assert.match(toolLine(after.stdout, tool), /^protected/, tool);
    assert.match(toolLine(after.stdout, "VS Code's chat and Copilot"), /^partial/);
    assert.match(after.stdout, /implicit context .*values must not be on disk/);
  });

  it('turns the sandbox on only with --enable-sandbox, in .claude/settings.local.json; then Claude Code is protected', async () => {
    const dir = folder({ '.claude/settings.local.json': '{\n  // my local rules\n  "permissions": {"allow": ["Bash(npm test)"]}\n}\n' });
    const env = environment({ envguardOnPath: true });
    const plain = await runCli(['protect'], { cwd: dir, env });
    assert.match(plain.stdout, /note: Claude Code's sandbox is off here/);
    assert.doesNotMatch(readFileSync(path.join(dir, '.claude/settings.local.json'), 'utf8'), /sandbox/);

    const enabled = await runCli(['protect', '--enable-sandbox'], { cwd: dir, env });
    assert.equal(enabled.code, 0, enabled.stderr);
    assert.match(enabled.stdout, /^updated \.claude\/settings\.local\.json$/m);
    const local = readFileSync(path.join(dir, '.claude/settings.local.json'), 'utf8');
    assert.match(local, /\/\/ my local rules/);
    assert.match(local, /"enabled": true/);
    assert.doesNotMatch(readFileSync(path.join(dir, '.claude/settings.json'), 'utf8'), /"enabled"/, 'never in the shared settings');
    const check = await runCli(['protect', '--check'], { cwd: dir, env });
    assert.match(toolLine(check.stdout, 'Claude Code'), /^protected/);
    assert.match(check.stdout, /sandbox on: /);
  });

  it("reads the user's own settings: a sandbox on in ~/.claude, Codex's sandbox_mode, and envguard missing from PATH", async () => {
    const dir = folder();
    const env = environment({ envguardOnPath: false, home: { '.claude/settings.json': '{"sandbox": {"enabled": true}}', '.codex/config.toml': 'sandbox_mode = "workspace-write"\n' } });
    await runCli(['protect'], { cwd: dir, env });
    const check = await runCli(['protect', '--check'], { cwd: dir, env });
    assert.match(check.stdout, /sandbox on: /);
    assert.match(check.stdout, /envguard is not on the PATH/);
    assert.match(toolLine(check.stdout, 'Cursor'), /^partial/);
    assert.match(toolLine(check.stdout, 'Codex'), /^partial/);
    assert.match(check.stdout, /sets sandbox_mode, which Codex uses instead of permission profiles/);
  });

  it("merges into each tool's existing settings, keeping the user's, and reports a broken one as unknown without touching it", async () => {
    const files = {
      '.cursor/hooks.json': '{\n  "version": 1,\n  // audit every command\n  "hooks": {"beforeShellExecution": [{"command": "./audit.sh"}]}\n}\n',
      '.zed/settings.json': '{"theme": "Ayu", "private_files": ["**/vault.json"]}',
      '.codex/config.toml': '# mine\nmodel = "o4"\n[mcp_servers.x]\ncommand = "x"\n',
      '.gemini/settings.json': '{ "hooks": ',
    };
    const dir = folder(files);
    const env = environment({ envguardOnPath: true });
    const run = await runCli(['protect'], { cwd: dir, env });
    assert.equal(run.code, 2, 'a broken file is an error');
    assert.match(run.stdout, /^error \.gemini\/settings\.json: invalid JSON .*; not modified$/m);
    assert.equal(readFileSync(path.join(dir, '.gemini/settings.json'), 'utf8'), files['.gemini/settings.json']);
    const cursor = readFileSync(path.join(dir, '.cursor/hooks.json'), 'utf8');
    assert.match(cursor, /\/\/ audit every command/);
    assert.match(cursor, /\.\/audit\.sh[\s\S]*envguard hook cursor/);
    assert.match(readFileSync(path.join(dir, '.zed/settings.json'), 'utf8'), /"Ayu"[\s\S]*\*\*\/vault\.json[\s\S]*\*\*\/\.env\*/);
    assert.ok(readFileSync(path.join(dir, '.codex/config.toml'), 'utf8').endsWith(files['.codex/config.toml']));
    const check = await runCli(['protect', '--check'], { cwd: dir, env });
    assert.match(toolLine(check.stdout, 'Gemini CLI'), /^unknown/);
  });

  it('is the same command under its old name, and refuses --check with --enable-sandbox', async () => {
    const dir = folder();
    const env = environment({ envguardOnPath: true });
    assert.equal((await runCli(['ignore'], { cwd: dir, env })).code, 0);
    assert.match((await runCli(['protect', '--check'], { cwd: dir, env })).stdout, /21 files: 21 unchanged/);
    const usage = await runCli(['protect', '--check', '--enable-sandbox'], { cwd: dir, env });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--check writes nothing/);
  });

  it('--tools writes the chosen tools only and keeps the choice, so --check in CI checks the same tools', async () => {
    const dir = folder({ '.envguard.json': '{\n  // the shop\n  "project": "shop"\n}\n' });
    const env = environment({ envguardOnPath: true });
    const write = await runCli(['protect', '--tools', 'claude-code,cursor'], { cwd: dir, env });
    assert.equal(write.code, 0, write.stderr);
    assert.match(write.stdout, /^tools chosen: claude-code, cursor$/m);
    assert.match(write.stdout, /note: the choice of tools is kept in \.envguard\.json/);
    const config = readFileSync(path.join(dir, '.envguard.json'), 'utf8');
    assert.match(config, /\/\/ the shop/);
    assert.deepEqual(JSON.parse(config.replace(/\/\/.*$/gm, '')), { project: 'shop', aiTools: ['claude-code', 'cursor'] });
    for (const file of ['.cursorignore', '.cursor/hooks.json', '.claude/settings.json', '.gitignore']) assert.ok(existsSync(path.join(dir, file)), file);
    for (const file of ['.aiexclude', '.rooignore', '.codex', '.zed', '.vscode']) assert.ok(!existsSync(path.join(dir, file)), file);

    // CI: a plain --check reads the choice; the tools left out are "not chosen", and not a failure.
    const check = await runCli(['protect', '--check'], { cwd: dir, env });
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /4 files: 4 unchanged/);
    assert.match(toolLine(check.stdout, 'Cursor'), /^protected/);
    assert.match(toolLine(check.stdout, 'Zed'), /^not chosen/);
    assert.match(toolLine(check.stdout, 'Roo Code'), /^not chosen/);
    const json = JSON.parse((await runCli(['protect', '--check', '--format', 'json'], { cwd: dir, env })).stdout) as { chosenTools: string[]; tools: { id: string; level: string }[] };
    assert.deepEqual(json.chosenTools, ['claude-code', 'cursor']);
    assert.equal(json.tools.find((tool) => tool.id === 'codex')?.level, 'not-chosen');

    // A tool in use here (its folder) but left out is named, with the command that adds it; not a failure.
    mkdirSync(path.join(dir, '.gemini'));
    writeFileSync(path.join(dir, 'AGENTS.md'), '# agents\n');
    const used = await runCli(['protect', '--check'], { cwd: dir, env });
    assert.equal(used.code, 0, used.stdout);
    assert.match(used.stdout, /^note: Codex, Gemini CLI are used in this folder but not among the chosen tools, so they get no controls; to add them: envguard protect --tools claude-code,cursor,codex,gemini-cli$/m);
    rmSync(path.join(dir, '.gemini'), { recursive: true });
    rmSync(path.join(dir, 'AGENTS.md'));

    // --check --tools checks other tools for once, and saves nothing.
    const other = await runCli(['protect', '--check', '--tools', 'zed'], { cwd: dir, env });
    assert.equal(other.code, 1);
    assert.match(other.stdout, /^missing \.zed\/settings\.json$/m);
    assert.equal(readFileSync(path.join(dir, '.envguard.json'), 'utf8'), config);
  });

  it('narrowing the choice leaves the files of the tools left out, and says so', async () => {
    const dir = folder();
    const env = environment({ envguardOnPath: true });
    assert.equal((await runCli(['protect'], { cwd: dir, env })).code, 0);
    const roo = readFileSync(path.join(dir, '.rooignore'), 'utf8');
    const narrowed = await runCli(['protect', '--tools', 'aider'], { cwd: dir, env });
    assert.equal(narrowed.code, 0, narrowed.stderr);
    assert.match(narrowed.stdout, /^not-chosen \.rooignore: its tool is not chosen: EnvGuard's controls there are left as they are/m);
    assert.match(narrowed.stdout, /files: 2 unchanged, 19 not-chosen/);
    assert.equal(readFileSync(path.join(dir, '.rooignore'), 'utf8'), roo);
    assert.equal((await runCli(['protect', '--check'], { cwd: dir, env })).code, 0);
    // Back to every tool.
    assert.match((await runCli(['protect', '--tools', 'all'], { cwd: dir, env })).stdout, /^tools chosen: claude-code, copilot, cursor, codex/m);
  });

  it('names an unknown tool, on the command line and in .envguard.json', async () => {
    const dir = folder();
    const env = environment({ envguardOnPath: true });
    const usage = await runCli(['protect', '--tools', 'claude,cursor'], { cwd: dir, env });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--tools: unknown tool 'claude'; the tools are claude-code, copilot, cursor/);
    assert.ok(!existsSync(path.join(dir, '.envguard.json')));
    writeFileSync(path.join(dir, '.envguard.json'), '{ "aiTools": ["cursor", "copilots"] }\n');
    const config = await runCli(['protect', '--check'], { cwd: dir, env });
    assert.equal(config.code, 2);
    assert.match(config.stderr, /"aiTools" names an unknown tool "copilots": the tools are claude-code, copilot/);
    assert.ok(!existsSync(path.join(dir, '.cursorignore')));
  });
});
