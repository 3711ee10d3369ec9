/**
 * `envguard run --redact` with real child processes: whatever form the command prints a value in,
 * on stdout or stderr, in pieces or in one go, the output carries `[REDACTED:KEY]` instead.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';
import { encodingsOf, isAscii } from '../run/redact-support';

/**
 * A child that prints, one per line as `name: form`, every encoding of $VALUE the test expects
 * masked, computed by Node itself; the same lines go to stderr.
 */
const PRINT_ENCODINGS = `
const v = process.env.VALUE, b = Buffer.from(v);
const lines = {
  raw: v, upper: v.toUpperCase(), lower: v.toLowerCase(),
  mixed: [...v].map((c, i) => c > '\\x7f' ? c : i % 2 ? c.toUpperCase() : c.toLowerCase()).join(''),
  base64: b.toString('base64'), base64url: b.toString('base64url'),
  'base64 wrapped': b.toString('base64').replace(/(.{12})(?=.)/g, '$1\\n'),
  'inside base64 +1': Buffer.concat([Buffer.from('x'), b, Buffer.from('tail')]).toString('base64'),
  'inside base64 +2': Buffer.concat([Buffer.from('xy'), b, Buffer.from('tail')]).toString('base64'),
  'inside base64 +3': Buffer.concat([Buffer.from('xyz'), b, Buffer.from('tail')]).toString('base64'),
  hex: b.toString('hex'), HEX: b.toString('hex').toUpperCase(),
  url: encodeURIComponent(v), form: new URLSearchParams({ v }).toString().slice(2),
  json: JSON.stringify({ v }), 'json \\\\u': [...v].map((c) => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join(''),
};
for (const [name, form] of Object.entries(lines)) {
  process.stdout.write(name + ': ' + form + '\\n');
  process.stderr.write(name + ': ' + form + '\\n');
}
`;

describe('envguard run --redact (real CLI and child processes)', () => {
  for (const [key, value] of [['GITHUB_TOKEN', fake.githubToken()], ['AWS_SECRET_ACCESS_KEY', fake.awsSecretAccessKey()], ['DB_PASSWORD', `pä$$ wörd ${fake.password()}`]] as const) {
    it(`masks every encoding of ${key} the command prints, on stdout and on stderr`, async () => {
      const p = makeProject({ '.env': `${key}='${value}'\nPORT=3000\n` });
      try {
        const result = await runCli(['run', '--redact', '--', process.execPath, '-e', PRINT_ENCODINGS], { cwd: p.dir, env: { VALUE: value } });
        assert.strictEqual(result.code, 0, result.stderr);
        for (const output of [result.stdout, result.stderr]) {
          const lines = output.trimEnd().split('\n');
          assert.strictEqual(lines.length, 16, output);
          for (const line of lines) assert.match(line, new RegExp(`^[\\w +\\\\]+: .{0,8}\\[REDACTED:${key}\\].{0,10}$`), line);
          for (const [name, form] of Object.entries(encodingsOf(value))) {
            if (name !== 'mixed case' || isAscii(value)) assert.ok(!output.includes(form), `${name} of ${key} survived`);
          }
          assert.ok(!output.includes(Buffer.from(value).toString('base64').slice(8, 24)), 'a piece of base64 survived');
        }
      } finally {
        p.cleanup();
      }
    });
  }

  it('masks a value written in pieces: across writes, on separate lines, apart with text between, mixed case', async () => {
    const token = fake.githubToken('pieces');
    const p = makeProject({ '.env': `GITHUB_TOKEN=${token}\nMODE=test\n` });
    try {
      const script = `const t = process.env.GITHUB_TOKEN, out = (s) => process.stdout.write(s);
        out('a ' + t.slice(0, 7));
        setTimeout(() => {
          out(t.slice(7, 30));
          setTimeout(() => {
            out(t.slice(30) + ' b\\n');
            out('lines:\\n' + t.slice(0, 13) + '\\n' + t.slice(13, 26) + '\\r\\n' + t.slice(26) + '\\n');
            out('first: ' + t.slice(0, 20) + '; second: ' + t.slice(20) + '\\n');
            out('mixed: ' + [...t].map((c, i) => i % 3 ? c.toUpperCase() : c.toLowerCase()).join('') + ' mode=' + process.env.MODE + '\\n');
          }, 30);
        }, 30);`;
      const result = await runCli(['run', '--redact', '--', process.execPath, '-e', script], { cwd: p.dir });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.strictEqual(result.stdout, [
        'a [REDACTED:GITHUB_TOKEN] b',
        'lines:',
        '[REDACTED:GITHUB_TOKEN]',
        'first: [REDACTED:GITHUB_TOKEN]; second: [REDACTED:GITHUB_TOKEN]',
        'mixed: [REDACTED:GITHUB_TOKEN] mode=test',
        '',
      ].join('\n'));
    } finally {
      p.cleanup();
    }
  });

  it('masks a value in the dumps of base64, xxd, xxd -p, hexdump -C and od -c (those installed)', async function () {
    const token = fake.githubToken('dumps');
    const tools = ['base64', 'xxd', 'xxd -p', 'hexdump -C', 'od -c'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool.split(' ')[0]}`]).status === 0);
    if (tools.length === 0) this.skip();
    const p = makeProject({ '.env': `GITHUB_TOKEN=${token}\n` });
    try {
      for (const tool of tools) {
        const result = await runCli(['run', '--redact', '--', 'sh', '-c', `printf 'export TOKEN=%s\\n' "$GITHUB_TOKEN" | ${tool}`], { cwd: p.dir });
        assert.strictEqual(result.code, 0, result.stderr);
        assert.match(result.stdout, /\[REDACTED:GITHUB_TOKEN\]/, tool);
        // What is left: at most the pieces at a dump's line ends, under 8 bytes, as text or as hex.
        const squeezed = result.stdout.replace(/\s/g, '').toLowerCase();
        for (let i = 0; i + 8 <= token.length; i++) {
          const piece = token.slice(i, i + 8);
          assert.ok(!squeezed.includes(piece.toLowerCase()), `${tool}: ${piece} survived`);
          assert.ok(!squeezed.includes(Buffer.from(piece).toString('hex')), `${tool}: the hex of ${piece} survived`);
        }
      }
    } finally {
      p.cleanup();
    }
  });

  it('passes ordinary output through unchanged', async () => {
    const p = makeProject({ '.env': `GITHUB_TOKEN=${fake.githubToken('ordinary')}\nPORT=3000\n` });
    try {
      const text = 'GET /a?q=a%20b&r=%41 200\n{"msg":"say \\"hi\\"","path":"C:\\\\Users\\\\me","e":"\\u00e9 \\ud83d\\ude00"}\nport=3000 100% \\x41 sk-none ghp_ 0123456789abcdef\n';
      const result = await runCli(['run', '--redact', '--', process.execPath, '-e', `process.stdout.write(${JSON.stringify(text)})`], { cwd: p.dir });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.strictEqual(result.stdout, text);
    } finally {
      p.cleanup();
    }
  });

  it('masks 40 values in several MB of output and finishes', async function () {
    this.timeout(240_000);
    const values = Array.from({ length: 40 }, (_, i) => (i % 2 ? fake.githubToken(`many${i}`) : fake.awsSecretAccessKey(`many${i}`)));
    const env = values.map((v, i) => `SECRET_${i}=${v}`).join('\n');
    const p = makeProject({ '.env': `${env}\n` });
    try {
      // 6 MB of log lines; every 1000th line carries one of the values, raw or in base64 or hex.
      const script = `const values = Object.keys(process.env).filter((k) => k.startsWith('SECRET_')).map((k) => process.env[k]);
        const forms = [(v) => v, (v) => Buffer.from(v).toString('base64'), (v) => Buffer.from(v).toString('hex')];
        let out = [], size = 0, n = 0;
        while (size < 6 * 1024 * 1024) {
          let line = 'INFO ' + n + ' GET /api/items?id=' + n + '&q=a%20b took ' + (n % 97) + 'ms {"path":"C:\\\\\\\\tmp"}';
          if (n % 1000 === 0) line += ' value=' + forms[(n / 1000) % 3](values[(n / 1000) % values.length]);
          out.push(line); size += line.length + 1; n++;
          if (out.length === 5000) { process.stdout.write(out.join('\\n') + '\\n'); out = []; }
        }
        process.stdout.write(out.join('\\n') + '\\n');`;
      const result = await runCli(['run', '--redact', '--', process.execPath, '-e', script], { cwd: p.dir });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.ok(result.stdout.length > 5 * 1024 * 1024, `${result.stdout.length} bytes`);
      const valueLines = result.stdout.split('\n').filter((line) => line.includes(' value='));
      assert.ok(valueLines.length > 50, `${valueLines.length} lines with a value`);
      for (const line of valueLines) assert.match(line, / value=\[REDACTED:SECRET_\d+\]$/);
      for (const value of values) assert.ok(!result.stdout.includes(value));
    } finally {
      p.cleanup();
    }
  });
});
