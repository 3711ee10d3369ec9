import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeReference, looksLikeReference, parseReference, referenceProblem } from '../../../../src/core/references';
import { describeVaultReference, formatVaultReference, valsVaultSyntax, vaultSyntax, type HashiCorpVaultReference } from '../../../../src/core/vault/hashicorp/reference';

const ROOT = path.resolve(__dirname, '../../../..');

describe('HashiCorp Vault references', () => {
  it('reads ref+vault://PATH#/KEY as vals does: the whole path with its mount, the key from the fragment or the last segment', () => {
    assert.deepEqual(parseReference('ref+vault://secret/shop/production#/DB_PASSWORD'), { kind: 'hashicorp-vault', syntax: 'vals', path: 'secret/shop/production', key: 'DB_PASSWORD' });
    assert.deepEqual(parseReference('ref+vault://secret/shop/production#DB_PASSWORD'), { kind: 'hashicorp-vault', syntax: 'vals', path: 'secret/shop/production', key: 'DB_PASSWORD' });
    // Without a fragment vals takes the last segment as the key (GetString).
    assert.deepEqual(parseReference('ref+vault://secret/shop/production/DB_PASSWORD'), { kind: 'hashicorp-vault', syntax: 'vals', path: 'secret/shop/production', key: 'DB_PASSWORD' });
    assert.deepEqual(parseReference('ref+vault://kv/app?version=3#/token'), { kind: 'hashicorp-vault', syntax: 'vals', path: 'kv/app', key: 'token', version: '3' });
    // The data/ segment stays as written: vals inserts data/ itself on KV v2 (the source says so when that is not found).
    assert.deepEqual(parseReference('ref+vault://secret/data/foo#/mykey'), { kind: 'hashicorp-vault', syntax: 'vals', path: 'secret/data/foo', key: 'mykey' });
    assert.deepEqual(parseReference('  REF+VAULT://secret/app#/k  '), { kind: 'hashicorp-vault', syntax: 'vals', path: 'secret/app', key: 'k' });
  });

  it('reads vault://MOUNT/PATH#KEY with the mount as its first segment', () => {
    assert.deepEqual(parseReference('vault://secret/envguard/shop/production#DB_URL'), { kind: 'hashicorp-vault', syntax: 'vault', mount: 'secret', path: 'envguard/shop/production', key: 'DB_URL' });
    assert.deepEqual(parseReference('vault://kv1/app?version=12#/API_KEY'), { kind: 'hashicorp-vault', syntax: 'vault', mount: 'kv1', path: 'app', key: 'API_KEY', version: '12' });
  });

  it('formats what it parses (round trips of both syntaxes)', () => {
    const samples: Omit<HashiCorpVaultReference, 'kind'>[] = [
      { syntax: 'vals', path: 'secret/envguard/shop/production', key: 'DB_PASSWORD' },
      { syntax: 'vals', path: 'team.kv/a/b-c/d_e', key: 'key.with-dots', version: '42' },
      { syntax: 'vault', mount: 'secret', path: 'envguard/shop/production', key: 'API_KEY' },
      { syntax: 'vault', mount: 'kv', path: 'x@y/z+w', key: 'K~1', version: '7' },
    ];
    for (const sample of samples) {
      const text = formatVaultReference(sample);
      assert.deepEqual(parseReference(text), { kind: 'hashicorp-vault', ...sample }, text);
      assert.equal(referenceProblem(text), undefined);
      assert.equal(looksLikeReference(text), true);
    }
    assert.equal(formatVaultReference(samples[0]!), 'ref+vault://secret/envguard/shop/production#/DB_PASSWORD');
    assert.equal(formatVaultReference(samples[2]!), 'vault://secret/envguard/shop/production#API_KEY');
    assert.equal(describeReference(parseReference('ref+vault://secret/app?version=2#/token')!), 'HashiCorp Vault, secret/app key token (version 2)');
    assert.equal(describeVaultReference(parseReference('vault://secret/app#token') as HashiCorpVaultReference), 'HashiCorp Vault, secret/app key token');
  });

  it('refuses parameters that choose the address, the token or the credentials, with a message that says why', () => {
    for (const parameter of ['address=https://evil.example.com', 'token_file=/tmp/t', 'token_env=OTHER', 'namespace=ns1', 'auth_method=approle', 'role_id=r', 'secret_id=s', 'host=evil.example.com', 'proto=http', 'username=u', 'password_env=P', 'password_file=/p', 'ADDRESS=x']) {
      for (const text of [`ref+vault://secret/app?${parameter}#/token`, `vault://secret/app?version=1&${parameter}#token`]) {
        assert.equal(parseReference(text), undefined, text);
        const problem = referenceProblem(text) ?? '';
        assert.match(problem, /would choose where your Vault token goes/, text);
        assert.match(problem, /VAULT_ADDR/);
        assert.ok(!problem.includes('evil') && !problem.includes('/tmp/t'), 'the message does not quote the reference');
      }
    }
  });

  it('says what is wrong with a malformed one, never quoting it', () => {
    const cases: [string, RegExp][] = [
      ['ref+vault://secret#/k', /names no secret inside a mount/],
      ['ref+vault://secret/app', /names no secret inside a mount/],
      ['ref+vault://secret//app#/k', /empty segment/],
      ['ref+vault://secret/../sys/mounts#/k', /\. or \.\. segment/],
      ['ref+vault://127.0.0.1:8200/secret/app#/k', /host:port/],
      ['ref+vault://secret/app#/a/b', /nested key/],
      ['ref+vault://secret/app#/', /names no key/],
      ['ref+vault://secret/app?version=0#/k', /version is not a positive whole number/],
      ['ref+vault://secret/app?version=1&version=2#/k', /repeats a parameter/],
      ['ref+vault://secret/app?decode=base64#/k', /decode parameter is not supported/],
      ['ref+vault://secret/app?hidden=thing#/k', /a parameter EnvGuard does not read/],
      ['ref+vault://secret/a%20b#/k', /character other than/],
      ['vault://secret/app', /names no key/],
      ['vault://secret#k', /names no secret inside a mount/],
    ];
    for (const [text, expected] of cases) {
      assert.equal(parseReference(text), undefined, text);
      const problem = referenceProblem(text);
      assert.match(problem ?? '', expected, text);
      assert.match(problem ?? '', /is a malformed HashiCorp Vault/);
      assert.ok(!(problem ?? '').includes('hidden') && !(problem ?? '').includes('thing'));
    }
    assert.match(referenceProblem(`ref+vault://secret/${'a'.repeat(5000)}#/k`) ?? '', /longer than 4096/);
  });

  it('never throws and stays bounded on hostile input (random bytes after each prefix)', () => {
    let seed = 7;
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
    const alphabet = 'ab/#?&=%.:@+~-_ \u0000\u00e9\u{1F600}\\"\'`\n';
    for (let i = 0; i < 3000; i++) {
      const length = random(80);
      let body = '';
      for (let j = 0; j < length; j++) body += [...alphabet][random([...alphabet].length)];
      for (const prefix of ['ref+vault://', 'vault://', 'REF+Vault://']) {
        const text = prefix + body;
        const parsed = parseReference(text);
        for (const syntax of [valsVaultSyntax, vaultSyntax]) {
          assert.doesNotThrow(() => syntax.parse(text));
          assert.doesNotThrow(() => syntax.problem?.(text));
        }
        if (parsed?.kind === 'hashicorp-vault') {
          assert.deepEqual(parseReference(formatVaultReference(parsed)), parsed, text);
        } else {
          assert.equal(parsed, undefined);
          assert.ok((referenceProblem(text) ?? '').length < 600);
        }
      }
    }
    const huge = `ref+vault://${'a/'.repeat(200_000)}x#/k`;
    assert.equal(valsVaultSyntax.parse(huge), undefined);
    assert.match(valsVaultSyntax.problem?.(huge) ?? '', /longer than 4096/);
  });

  it('loading the references (what the registry imports) does not load the HTTP client; load.ts defers it', () => {
    const script = [
      "const loaded = () => Object.keys(require.cache).filter((f) => /hashicorp[\\\\/](http|kv|auth|source|hashicorp-vault)\\.ts$/.test(f)).length;",
      "require('./src/core/references');",
      "require('./src/core/vault/hashicorp/reference.ts');",
      "const load = require('./src/core/vault/hashicorp/load.ts');",
      'const before = loaded();',
      'load.loadHashiCorp().then(() => { console.log(JSON.stringify({ before, after: loaded() })); });',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.status, 0, child.stderr);
    const { before, after } = JSON.parse(child.stdout.trim()) as { before: number; after: number };
    assert.equal(before, 0, 'no HTTP client module before the first Vault call');
    assert.equal(after, 5, 'every client module once loadHashiCorp() ran');
  });
});
