import assert from 'node:assert/strict';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';

const SECRETS = {
  github: fake.githubToken(),
  password: fake.password(),
  aws: fake.awsAccessKeyId(),
  stripe: fake.stripeSecret(),
};

function assertNoSecretIn(text: string): void {
  for (const [name, value] of Object.entries(SECRETS)) assert.ok(!text.includes(value), `the ${name} value leaked into the output`);
}

describe('envguard scan (real CLI process)', () => {
  let project: ReturnType<typeof makeProject>;

  before(() => {
    project = makeProject({
      '.env': `# app settings\nPORT=3000\nNODE_ENV=development\nGITHUB_TOKEN=${SECRETS.github}\nDB_PASSWORD=${SECRETS.password}\n`,
      '.env.local': `AWS_ACCESS_KEY_ID=${SECRETS.aws}\nAPI_URL=https://api.example.com\n`,
      '.env.example': 'GITHUB_TOKEN=<your-token>\nDB_PASSWORD=changeme\n',
      'services/billing/billing.env': `STRIPE_SECRET_KEY=${SECRETS.stripe}\nSTRIPE_PUBLISHABLE_KEY=${fake.stripePublishable()}\n`,
      'services/api/.env.production': 'DATABASE_PASSWORD=@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/db-password)\n',
      'node_modules/some-lib/.env': `TOKEN=${SECRETS.github}\n`,
      '.gitignore': '.env\n.env.local\n',
      'README.md': `not an env file ${SECRETS.github}\n`,
    });
  });
  after(() => project.cleanup());

  it('finds every env file (gitignored ones too), skips node_modules, and reports each secret; exit 1', async () => {
    const result = await runCli(['scan', '--format', 'json'], { cwd: project.dir });
    assert.strictEqual(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { files: string[]; findings: Record<string, unknown>[] };
    assert.deepStrictEqual(report.files, ['.env', '.env.example', '.env.local', 'services/api/.env.production', 'services/billing/billing.env']);
    const found = report.findings.map((f) => `${String(f.file)}:${String(f.line)}:${String(f.key)}`).sort();
    assert.deepStrictEqual(found, ['.env.local:1:AWS_ACCESS_KEY_ID', '.env:4:GITHUB_TOKEN', '.env:5:DB_PASSWORD', 'services/billing/billing.env:1:STRIPE_SECRET_KEY']);
    for (const finding of report.findings) {
      assert.deepStrictEqual(Object.keys(finding).sort(), ['column', 'file', 'key', 'line', 'message', 'rule', 'severity']);
      assert.strictEqual(finding.column, 1);
      assert.ok(String(finding.message).includes(String(finding.key)), 'the message names the key');
      assert.ok(!String(finding.message).includes(String(finding.rule)), 'the rule travels beside the message, not in it');
      assert.ok(['error', 'warning', 'info'].includes(String(finding.severity)));
    }
    assertNoSecretIn(result.stdout + result.stderr);
  });

  it('prints findings for people and a summary, without values', async () => {
    const result = await runCli(['scan'], { cwd: project.dir });
    assert.strictEqual(result.code, 1);
    assert.match(result.stdout, /^\.env:4:1 {2}secret {2}GITHUB_TOKEN holds a plaintext GitHub token \(github-token\)$/m);
    assert.match(result.stdout, /4 plaintext secrets in 3 of 5 env files\./);
    assertNoSecretIn(result.stdout + result.stderr);
  });

  it('writes SARIF 2.1.0 with rules, regions and fingerprints, without values', async () => {
    const result = await runCli(['scan', '--format', 'sarif'], { cwd: project.dir });
    assert.strictEqual(result.code, 1);
    const sarif = JSON.parse(result.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string; fullDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[] }[];
    };
    assert.strictEqual(sarif.version, '2.1.0');
    const [run] = sarif.runs;
    assert.ok(run);
    assert.strictEqual(run.tool.driver.name, 'EnvGuard');
    assert.strictEqual(run.results.length, 4);
    for (const r of run.results) {
      assert.strictEqual(run.tool.driver.rules[r.ruleIndex]?.id, r.ruleId);
      assert.ok(r.locations[0]!.physicalLocation.region.startLine >= 1);
      assert.match(Object.values(r.partialFingerprints)[0]!, /^[0-9a-f]{64}$/);
    }
    assert.ok(run.results.some((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'services/billing/billing.env'));
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.fullDescription.text.length > 80, `${rule.id} has a description`);
      assert.match(rule.fullDescription.text, /[Rr]evoke|[Rr]otate|[Cc]hange|[Rr]oll|[Dd]elete|[Rr]egenerate/, `${rule.id} says how to revoke it`);
      assert.strictEqual(rule.helpUri, `https://github.com/envguard/envguard/blob/main/docs/rules.md#${rule.id}`);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assertNoSecretIn(result.stdout);
  });

  it('scans only what the include and exclude globs leave', async () => {
    const onlyServices = await runCli(['scan', '--format', 'json', '--include', 'services/**'], { cwd: project.dir });
    assert.deepStrictEqual((JSON.parse(onlyServices.stdout) as { files: string[] }).files, ['services/api/.env.production', 'services/billing/billing.env']);
    const noBilling = await runCli(['scan', '--format', 'json', '--exclude', 'billing', '--exclude', '.env.local'], { cwd: project.dir });
    assert.deepStrictEqual((JSON.parse(noBilling.stdout) as { files: string[] }).files, ['.env', '.env.example', 'services/api/.env.production']);
  });

  it('exits 0 when there is no plaintext secret, with paths given explicitly', async () => {
    const result = await runCli(['scan', '.env.example', 'services/api', '--format', 'json'], { cwd: project.dir });
    assert.strictEqual(result.code, 0, result.stderr);
    assert.deepStrictEqual(JSON.parse(result.stdout), { files: ['.env.example', 'services/api/.env.production'], findings: [] });
  });

  it('honours an envguard-ignore comment and .envguard.json allowKeys', async () => {
    const p = makeProject({
      '.env': `A_TOKEN=${SECRETS.github} # envguard-ignore\nDB_PASSWORD=${SECRETS.password}\nOTHER_PASSWORD=${SECRETS.password}x\n`,
      '.envguard.json': '{\n  // reviewed: a local-only database\n  "allowKeys": ["DB_*"]\n}\n',
    });
    try {
      const result = await runCli(['scan', '--format', 'json'], { cwd: p.dir });
      assert.strictEqual(result.code, 1, result.stderr);
      assert.deepStrictEqual((JSON.parse(result.stdout) as { findings: { key: string }[] }).findings.map((f) => f.key), ['OTHER_PASSWORD']);
    } finally {
      p.cleanup();
    }
  });

  it('fails with exit 2 and a clear message on usage and I/O errors', async () => {
    const unknownOption = await runCli(['scan', '--frobnicate'], { cwd: project.dir });
    assert.strictEqual(unknownOption.code, 2);
    assert.match(unknownOption.stderr, /Unknown option '--frobnicate'/);
    const badFormat = await runCli(['scan', '--format', 'xml'], { cwd: project.dir });
    assert.strictEqual(badFormat.code, 2);
    assert.match(badFormat.stderr, /unknown format 'xml'/);
    const missing = await runCli(['scan', 'nowhere/.env'], { cwd: project.dir });
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /nowhere\/\.env does not exist/);
    const unknownCommand = await runCli(['scna'], { cwd: project.dir });
    assert.strictEqual(unknownCommand.code, 2);
    assert.match(unknownCommand.stderr, /unknown command 'scna'/);
  });

  it('fails (exit 2) on a binary env file, found by the walk or named explicitly', async () => {
    const p = makeProject({ '.env': 'PORT=1\n', '.env.bin': Buffer.from([0x85, 0x02, 0x0c, 0x00, 0x03, 0xff, 0x00]) });
    try {
      const walked = await runCli(['scan', '--format', 'json'], { cwd: p.dir });
      assert.strictEqual(walked.code, 2, walked.stderr);
      assert.match(walked.stderr, /error: \.env\.bin looks binary \(a NUL byte at offset 3\)/);
      const named = await runCli(['scan', '.env.bin'], { cwd: p.dir });
      assert.strictEqual(named.code, 2);
      assert.match(named.stderr, /\.env\.bin looks binary \(a NUL byte at offset 3\)/);
    } finally {
      p.cleanup();
    }
  });

  it('warns about a key given twice in one file, naming the lines', async () => {
    const p = makeProject({ '.env': 'PORT=1\nHOST=a\nPORT=2\n' });
    try {
      const result = await runCli(['scan'], { cwd: p.dir });
      assert.strictEqual(result.code, 0);
      assert.match(result.stderr, /\.env: PORT is set 2 times \(lines 1, 3\); dotenv uses the last one \(line 3\)/);
    } finally {
      p.cleanup();
    }
  });

  it('reads multiline values: a private key in double quotes is one finding on its key line', async () => {
    const p = makeProject({ '.env': `A=1\nSIGNING_KEY="${fake.privateKey()}"\nB=2\n` });
    try {
      const result = await runCli(['scan', '--format', 'json'], { cwd: p.dir });
      const findings = (JSON.parse(result.stdout) as { findings: { key: string; line: number }[] }).findings;
      assert.deepStrictEqual(findings.map((f) => [f.key, f.line]), [['SIGNING_KEY', 2]]);
    } finally {
      p.cleanup();
    }
  });
});
