import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';

/** A child that prints, as JSON, the variables it was given (only those named). */
function printEnv(...keys: string[]): string[] {
  return ['--', process.execPath, '-e', `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(keys)}.map(k => [k, process.env[k] ?? null]))))`];
}

describe('envguard run (real CLI and child processes)', () => {
  it('gives the command exactly what dotenv reads, on a tricky file', async () => {
    const key = fake.privateKey();
    const p = makeProject({
      '.env': `export A=plain\r\nB="multi\r\nline"\r\nC='single # not a comment'\r\nD="esc\\naped"\r\nE=value # comment\r\nKEY="${key.replace(/\n/g, '\\n')}"\r\nA=last-wins\r\n`,
    });
    try {
      const result = await runCli(['run', ...printEnv('A', 'B', 'C', 'D', 'E', 'KEY')], { cwd: p.dir });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.deepStrictEqual(JSON.parse(result.stdout), {
        A: 'last-wins', B: 'multi\nline', C: 'single # not a comment', D: 'esc\naped', E: 'value', KEY: key,
      });
      assert.match(result.stderr, /A is set 2 times/);
    } finally {
      p.cleanup();
    }
  });

  it('applies dotenv precedence: first file wins, the existing environment wins', async () => {
    const p = makeProject({ 'one.env': 'X=from-one\nY=from-one\n', 'two.env': 'X=from-two\nZ=from-two\n' });
    try {
      const result = await runCli(['run', '--env-file', 'one.env', '--env-file', 'two.env', ...printEnv('X', 'Y', 'Z')], { cwd: p.dir, env: { Y: 'from-shell' } });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.deepStrictEqual(JSON.parse(result.stdout), { X: 'from-one', Y: 'from-shell', Z: 'from-two' });
    } finally {
      p.cleanup();
    }
  });

  it('with --override, later files and the files over the environment win, as dotenv does', async () => {
    const p = makeProject({ 'one.env': 'X=from-one\nY=from-one\n', 'two.env': 'X=from-two\n' });
    try {
      const result = await runCli(['run', '--override', '-f', 'one.env', '--env-file=two.env', ...printEnv('X', 'Y')], { cwd: p.dir, env: { Y: 'from-shell' } });
      assert.deepStrictEqual(JSON.parse(result.stdout), { X: 'from-two', Y: 'from-one' });
    } finally {
      p.cleanup();
    }
  });

  it("exits with the command's exit code and passes stdin, stdout and stderr through", async () => {
    const p = makeProject({ '.env': 'GREETING=hello\n' });
    try {
      const script = 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{console.log(process.env.GREETING+" "+s.trim());console.error("to stderr");process.exit(7)})';
      const result = await runCli(['run', process.execPath, '-e', script], { cwd: p.dir, input: 'world\n' });
      assert.strictEqual(result.code, 7);
      assert.strictEqual(result.stdout, 'hello world\n');
      assert.strictEqual(result.stderr, 'to stderr\n');
    } finally {
      p.cleanup();
    }
  });

  it('masks secret values in the output with --redact, also when split across writes', async () => {
    const token = fake.githubToken();
    const p = makeProject({ '.env': `GITHUB_TOKEN=${token}\nPORT=3000\n` });
    try {
      const half = Math.floor(token.length / 2);
      const script = `const t=process.env.GITHUB_TOKEN;process.stdout.write("a "+t.slice(0,${half}));setTimeout(()=>{process.stdout.write(t.slice(${half})+" b port="+process.env.PORT+"\\n");console.error("err "+t)},50)`;
      const result = await runCli(['run', '--redact', '--', process.execPath, '-e', script], { cwd: p.dir });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.strictEqual(result.stdout, 'a [REDACTED:GITHUB_TOKEN] b port=3000\n');
      assert.strictEqual(result.stderr, 'err [REDACTED:GITHUB_TOKEN]\n');
    } finally {
      p.cleanup();
    }
  });

  it('refuses a reference it cannot resolve yet, naming the key, and does not start the command', async () => {
    const p = makeProject({ '.env': 'PORT=1\nDB_PASSWORD=op://Private/db/password\nAPI_KEY=@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/api-key)\n' });
    try {
      // An automation vault: the Azure reference passes the release gate without a human, and stops at the vault confirmation.
      const env = { ENVGUARD_HOME: `${p.dir}-home`, ENVGUARD_KEY_STORE: 'automation' };
      const result = await runCli(['run', '--', process.execPath, '-e', 'require("fs").writeFileSync("started","")'], { cwd: p.dir, env });
      assert.strictEqual(result.code, 2);
      assert.match(result.stderr, /DB_PASSWORD \(\.env:2\) refers to 1Password vault Private, item db, field password, and no 1Password vault is available/);
      // A vault the user never confirmed gets no request: the cause is named, with the key and what to do.
      assert.match(result.stderr, /API_KEY \(\.env:3\): Azure Key Vault kv1\.vault\.azure\.net, secret api-key could not be resolved: Azure Key Vault https:\/\/kv1\.vault\.azure\.net is not one you confirmed/);
      assert.match(result.stderr, /envguard vault confirm https:\/\/kv1\.vault\.azure\.net/);
      assert.match(result.stderr, /the command was not started/);
      assert.ok(!existsSync(`${p.dir}/started`), 'the command must not run');
    } finally {
      p.cleanup();
    }
  });

  it('fails clearly on a missing file, a binary file, a missing command and a bad option', async () => {
    const p = makeProject({ 'bin.env': Buffer.from([0x41, 0x3d, 0x00, 0x01]) });
    try {
      const missing = await runCli(['run', 'true'], { cwd: p.dir });
      assert.strictEqual(missing.code, 2);
      assert.match(missing.stderr, /\.env does not exist \(pass --env-file FILE to load another file\); the command was not started/);
      const binary = await runCli(['run', '-f', 'bin.env', 'true'], { cwd: p.dir });
      assert.strictEqual(binary.code, 2);
      assert.match(binary.stderr, /bin\.env looks binary/);
      const noCommand = await runCli(['run', '-f', 'bin.env'], { cwd: p.dir });
      assert.strictEqual(noCommand.code, 2);
      assert.match(noCommand.stderr, /no command to run/);
      const badOption = await runCli(['run', '--bogus', '--', 'true'], { cwd: p.dir });
      assert.strictEqual(badOption.code, 2);
      assert.match(badOption.stderr, /unknown option '--bogus'/);
    } finally {
      p.cleanup();
    }
    const q = makeProject({ '.env': 'A=1\n' });
    try {
      const notFound = await runCli(['run', 'envguard-no-such-command-xyz'], { cwd: q.dir });
      assert.strictEqual(notFound.code, 127);
      assert.match(notFound.stderr, /command not found: envguard-no-such-command-xyz/);
    } finally {
      q.cleanup();
    }
  });

  it('passes options after the command to the command, not to envguard', async () => {
    const p = makeProject({ '.env': 'A=1\n' });
    try {
      const result = await runCli(['run', process.execPath, '-e', 'console.log(process.argv.slice(1).join(","))', '--', '--override', '--redact'], { cwd: p.dir });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.strictEqual(result.stdout, '--override,--redact\n');
    } finally {
      p.cleanup();
    }
  });
});
