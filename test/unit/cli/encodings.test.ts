import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';

/** What Windows PowerShell 5.1 writes for `$lines | Out-File .env` (and `>`): UTF-16LE, a BOM, CRLF, a final CRLF. */
function powershellFile(lines: readonly string[]): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf16le')]);
}

function utf16be(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
}

describe('envguard and file encodings: UTF-16, binary and encrypted files (real CLI process)', () => {
  const token = fake.githubToken('utf16');
  const password = fake.password('utf16');

  it('scan reads a UTF-16LE file as PowerShell writes it, finds its secrets, and warns that dotenv would not read it', async () => {
    const p = makeProject({ 'app/.env': powershellFile([`GITHUB_TOKEN=${token}`, 'PORT=3000', `DB_PASSWORD=${password}`]) });
    try {
      const result = await runCli(['scan', '--format', 'json'], { cwd: p.dir });
      assert.strictEqual(result.code, 1, result.stderr);
      const report = JSON.parse(result.stdout) as { files: string[]; findings: { key: string; line: number }[] };
      assert.deepStrictEqual(report.files, ['app/.env']);
      assert.deepStrictEqual(report.findings.map((f) => `${f.key}:${f.line}`), ['GITHUB_TOKEN:1', 'DB_PASSWORD:3']);
      assert.match(result.stderr, /warning: app\/\.env is UTF-16LE: EnvGuard reads it, but dotenv reads env files as UTF-8/);
      for (const value of [token, password]) assert.ok(!result.stdout.includes(value) && !result.stderr.includes(value));
    } finally {
      p.cleanup();
    }
  });

  it('scan reads UTF-16BE with a BOM too', async () => {
    const p = makeProject({ '.env.local': utf16be(`PORT=1\nDB_PASSWORD=${password}\n`) });
    try {
      const result = await runCli(['scan', '--format', 'json'], { cwd: p.dir });
      assert.strictEqual(result.code, 1, result.stderr);
      assert.deepStrictEqual((JSON.parse(result.stdout) as { findings: { key: string }[] }).findings.map((f) => f.key), ['DB_PASSWORD']);
    } finally {
      p.cleanup();
    }
  });

  it('scan fails (exit 2) on a file it cannot read, found by the walk or named, saying which and why', async () => {
    const p = makeProject({
      '.env': `GITHUB_TOKEN=${token}\n`,
      // A NUL byte in a text env file: nothing after it may pass unread.
      'api/.env': Buffer.concat([Buffer.from(`PORT=1\n\0\nDB_PASSWORD=${password}\n`)]),
      // UTF-16 without a byte order mark.
      'web/.env': Buffer.from(`DB_PASSWORD=${password}\n`, 'utf16le'),
      // A UTF-16 BOM on an odd number of bytes.
      'worker/.env': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A=1', 'utf16le'), Buffer.from([0x41])]),
    });
    try {
      const walked = await runCli(['scan'], { cwd: p.dir });
      assert.strictEqual(walked.code, 2, walked.stderr);
      assert.match(walked.stderr, /error: api\/\.env looks binary \(a NUL byte at offset 7\); it is not a text env file/);
      assert.match(walked.stderr, /error: web\/\.env looks binary \(a NUL byte at offset 1\); it is not a text env file \(it looks like UTF-16 without a byte order mark/);
      assert.match(walked.stderr, /error: worker\/\.env cannot be decoded: it starts with a UTF-16 byte order mark but has an odd number of bytes \(9\)/);
      assert.match(walked.stdout, /GITHUB_TOKEN/); // what could be read is still reported
      const named = await runCli(['scan', 'api/.env'], { cwd: p.dir });
      assert.strictEqual(named.code, 2);
      assert.match(named.stderr, /api\/\.env looks binary/);
      for (const value of [token, password]) assert.ok(!walked.stderr.includes(value) && !named.stdout.includes(value));
    } finally {
      p.cleanup();
    }
  });

  it('scan skips files encrypted by gpg, age or sops with a note, and still checks dotenvx files value by value', async () => {
    const p = makeProject({
      '.env': 'PORT=1\n',
      // The first packets of `gpg --encrypt` (public-key session key, version 3) and `gpg --symmetric` (new format, version 4).
      '.env.gpg': Buffer.from([0x85, 0x01, 0x0c, 0x03, 0x5a, 0x00, 0x91, 0xff, 0x00]),
      '.env.pgp': Buffer.from([0xc3, 0x0d, 0x04, 0x09, 0x03, 0x08, 0x00, 0xe2]),
      '.env.asc': '-----BEGIN PGP MESSAGE-----\n\nhQEMA1oAkf8AAAAA\n-----END PGP MESSAGE-----\n',
      '.env.age': Buffer.concat([Buffer.from('age-encryption.org/v1\n-> X25519 abc\nxyz\n--- def\n'), Buffer.from([0x00, 0x9c, 0xff])]),
      '.env.production.age': '-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3Yx\n-----END AGE ENCRYPTED FILE-----\n',
      '.env.sops': 'DB_PASSWORD=ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]\nsops_version=3.9.0\nsops_mac=ENC[AES256_GCM,data:jkl=,iv:mno=,tag:pqr=,type:str]\n',
      '.env.sops.yaml': 'db_password: ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]\nsops:\n    lastmodified: "2025-01-01T00:00:00Z"\n    mac: ENC[AES256_GCM,data:jkl=,iv:mno=,tag:pqr=,type:str]\n    version: 3.9.0\n',
      '.env.sops.json': '{\n\t"db_password": "ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]",\n\t"sops": {\n\t\t"mac": "ENC[AES256_GCM,data:jkl=,iv:mno=,tag:pqr=,type:str]",\n\t\t"version": "3.9.0"\n\t}\n}\n',
      // dotenvx: encrypted values are passed, a plaintext one in the same file is a finding.
      '.env.dotenvx': `DOTENV_PUBLIC_KEY="02${fake.hex('pub', 64)}"\nAPI_KEY="encrypted:${Buffer.from(fake.hex('enc', 96)).toString('base64')}"\nDB_PASSWORD=${password}\n`,
    });
    try {
      const result = await runCli(['scan', '--format', 'json'], { cwd: p.dir });
      assert.strictEqual(result.code, 1, result.stderr);
      const report = JSON.parse(result.stdout) as { files: string[]; findings: { file: string; key: string }[] };
      assert.deepStrictEqual(report.files, ['.env', '.env.dotenvx']);
      assert.deepStrictEqual(report.findings.map((f) => `${f.file}:${f.key}`), ['.env.dotenvx:DB_PASSWORD']);
      for (const [file, tool] of [['.env.gpg', 'gpg'], ['.env.pgp', 'gpg'], ['.env.asc', 'gpg \\(armored\\)'], ['.env.age', 'age'], ['.env.production.age', 'age \\(armored\\)'], ['.env.sops', 'sops'], ['.env.sops.yaml', 'sops'], ['.env.sops.json', 'sops']]) {
        assert.match(result.stderr, new RegExp(`warning: skipped ${file!.replace(/\./g, '\\.')} is encrypted \\(${tool}\\); it holds no plaintext to check`));
      }
      assert.doesNotMatch(result.stderr, /error:/);
    } finally {
      p.cleanup();
    }
  });

  it('scan skips a file that the real gpg encrypted', async function () {
    if (spawnSync('gpg', ['--version']).status !== 0) this.skip(); // gpg not installed: the header bytes above stand in
    const p = makeProject({ '.env': 'PORT=1\n' });
    const gnupgHome = mkdtempSync(path.join(tmpdir(), 'envguard-gnupg-'));
    try {
      writeFileSync(path.join(p.dir, 'plain'), `DB_PASSWORD=${password}\n`);
      for (const [out, armor] of [['.env.gpg', []], ['.env.asc', ['--armor']]] as const) {
        const gpg = spawnSync('gpg', ['--homedir', gnupgHome, '--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', 'test', ...armor, '--symmetric', '--output', path.join(p.dir, out), path.join(p.dir, 'plain')]);
        assert.strictEqual(gpg.status, 0, gpg.stderr.toString());
      }
      rmSync(path.join(p.dir, 'plain'));
      const result = await runCli(['scan'], { cwd: p.dir });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.match(result.stderr, /skipped \.env\.gpg is encrypted \(gpg\)/);
      assert.match(result.stderr, /skipped \.env\.asc is encrypted \(gpg \(armored\)\)/);
    } finally {
      p.cleanup();
      rmSync(gnupgHome, { recursive: true, force: true });
    }
  });

  describe('migrate and run', () => {
    let home: string;
    const env = () => ({ ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' });
    beforeEach(() => { home = mkdtempSync(path.join(tmpdir(), 'envguard-home-')); });
    afterEach(() => rmSync(home, { recursive: true, force: true }));

    it('migrates a PowerShell UTF-16LE CRLF file and writes it back in UTF-16LE: only the values change, byte for byte', async () => {
      const p = makeProject({ '.env': powershellFile(['# written by PowerShell', `GITHUB_TOKEN=${token}`, 'PORT=3000', `DB_PASSWORD="${password}"  # the database`, 'GREETING=héllo wörld ✓']), '.envguard.json': '{ "project": "app" }\n' });
      try {
        const migrate = await runCli(['migrate', '.env', '--yes'], { cwd: p.dir, env: env() });
        assert.strictEqual(migrate.code, 0, migrate.stderr);
        assert.match(migrate.stdout, /Moved 2 values\. Rewritten: \.env\./);
        const expected = powershellFile(['# written by PowerShell', 'GITHUB_TOKEN=envguard://local/app/default/GITHUB_TOKEN', 'PORT=3000', 'DB_PASSWORD="envguard://local/app/default/DB_PASSWORD"  # the database', 'GREETING=héllo wörld ✓']);
        assert.ok(readFileSync(path.join(p.dir, '.env')).equals(expected), 'the rewritten file is UTF-16LE with its BOM and CRLF, and only the values differ');

        // run gives the app what the user meant (the values from the vault) and warns about plain dotenv.
        const script = 'process.stdout.write(JSON.stringify([process.env.GITHUB_TOKEN, process.env.DB_PASSWORD, process.env.GREETING]))';
        const run = await runCli(['run', '-f', '.env', '--', process.execPath, '-e', script], { cwd: p.dir, env: env() });
        assert.strictEqual(run.code, 0, run.stderr);
        assert.deepStrictEqual(JSON.parse(run.stdout), [token, password, 'héllo wörld ✓']);
        assert.match(run.stderr, /\.env is UTF-16LE: EnvGuard reads it, but dotenv reads env files as UTF-8/);
        for (const value of [token, password]) assert.ok(!migrate.stdout.includes(value) && !migrate.stderr.includes(value));
      } finally {
        p.cleanup();
      }
    });

    it('migrates a UTF-16BE file and a UTF-8 file with a BOM, each kept in its encoding', async () => {
      const p = makeProject({ '.env': utf16be(`API_TOKEN=${token}\nPORT=1\n`), '.env.local': Buffer.from(`\uFEFFDB_PASSWORD=${password}\n`), '.envguard.json': '{ "project": "app" }\n' });
      try {
        const migrate = await runCli(['migrate', '.env', '.env.local', '--yes'], { cwd: p.dir, env: env() });
        assert.strictEqual(migrate.code, 0, migrate.stderr);
        assert.ok(readFileSync(path.join(p.dir, '.env')).equals(utf16be('API_TOKEN=envguard://local/app/default/API_TOKEN\nPORT=1\n')));
        assert.ok(readFileSync(path.join(p.dir, '.env.local')).equals(Buffer.from('\uFEFFDB_PASSWORD=envguard://local/app/default/local/DB_PASSWORD\n')));
      } finally {
        p.cleanup();
      }
    });

    it('migrate leaves an encrypted or binary file alone and says why; run refuses them', async () => {
      const p = makeProject({ '.env': `DB_PASSWORD=${password}\n\0`, '.env.gpg': Buffer.from([0x85, 0x01, 0x0c, 0x03, 0x00, 0xff]) });
      try {
        const migrate = await runCli(['migrate', '.env', '.env.gpg', '--yes'], { cwd: p.dir, env: env() });
        assert.match(migrate.stdout + migrate.stderr, /\.env looks binary/);
        assert.match(migrate.stdout + migrate.stderr, /\.env\.gpg is encrypted \(gpg\)/);
        assert.ok(readFileSync(path.join(p.dir, '.env')).equals(Buffer.from(`DB_PASSWORD=${password}\n\0`)));
        const run = await runCli(['run', '-f', '.env.gpg', '--', process.execPath, '-e', '0'], { cwd: p.dir, env: env() });
        assert.strictEqual(run.code, 2);
        assert.match(run.stderr, /\.env\.gpg is encrypted \(gpg\)/);
      } finally {
        p.cleanup();
      }
    });
  });
});
