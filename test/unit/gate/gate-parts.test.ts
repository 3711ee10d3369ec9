import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { recogniseAgent } from '../../../src/core/gate/ai-agents';
import { gateKey } from '../../../src/core/gate/derived-keys';
import { effectivePolicy, readUserPolicies, repoPolicyFor, userPolicyFor, withRule, writeUserPolicies } from '../../../src/core/gate/policy';
import type { ProcessInfo } from '../../../src/core/gate/process-info';
import { readReleaseLog, ReleaseLog } from '../../../src/core/gate/release-log';
import { maskValues } from '../../../src/core/gate/release-request';
import { DENIAL_COOL_DOWN_MS, parseDuration, SessionTable } from '../../../src/core/gate/sessions';
import { openLocalVault, VaultError } from '../../../src/core/vault';
import { initPassphraseVault } from '../../../src/core/vault/local';
import { readWrappedKey, unwrapKey, wrapKey } from '../../../src/core/vault/local/wrapped-key';

const KEY = Buffer.alloc(32, 7);

describe('gate parts', () => {
  const dirs: string[] = [];
  const temp = (): string => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'envguard-gate-part-')));
    dirs.push(dir);
    return dir;
  };
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  describe('sessions', () => {
    it('an approval covers its scope and its project/environment pairs only, and expires idle and at its maximum', () => {
      let now = 0;
      const table = new SessionTable({ idleMs: 1000, maxMs: 5000 }, () => now);
      table.grant('tty:1', ['shop/default']);
      assert.equal(table.covers('tty:1', ['shop/default']), true);
      assert.equal(table.covers('tty:2', ['shop/default']), false, 'another terminal');
      assert.equal(table.covers('tty:1', ['shop/production']), false, 'another environment');
      for (now = 900; now < 4900; now += 900) assert.equal(table.covers('tty:1', ['shop/default']), true, `used at ${now}`);
      now = 5100;
      assert.equal(table.covers('tty:1', ['shop/default']), false, 'past the maximum');
      table.grant('tty:1', ['shop/default']);
      now += 1001;
      assert.equal(table.covers('tty:1', ['shop/default']), false, 'idle too long');
    });

    it('a denial cools the scope down; revokeAll ends everything', () => {
      let now = 0;
      const table = new SessionTable({ idleMs: 60_000, maxMs: 60_000 }, () => now);
      table.deny('tty:1');
      assert.ok(table.coolingDown('tty:1') > 0);
      now = DENIAL_COOL_DOWN_MS + 1;
      assert.equal(table.coolingDown('tty:1'), 0);
      table.grant('a', ['p/e']);
      table.grant('b', ['p/e']);
      assert.equal(table.revokeAll(), 2);
      assert.equal(table.covers('a', ['p/e']), false);
    });

    it('durations: 90s, 10m, 12h, 500ms; nonsense is undefined', () => {
      assert.equal(parseDuration('90s'), 90_000);
      assert.equal(parseDuration('10m'), 600_000);
      assert.equal(parseDuration('12h'), 43_200_000);
      assert.equal(parseDuration('500ms'), 500);
      for (const bad of ['', 'soon', '-1s', '0', '1d']) assert.equal(parseDuration(bad), undefined, bad);
    });
  });

  describe('policies', () => {
    it('the most specific user rule wins; a repository only makes it stricter', () => {
      let policies = withRule({ rules: [] }, { project: '*', environment: '*', policy: 'session' });
      policies = withRule(policies, { project: 'shop', environment: '*', policy: 'none' });
      policies = withRule(policies, { project: 'shop', environment: 'production', policy: 'every-time' });
      assert.equal(userPolicyFor(policies, 'shop', 'default'), 'none');
      assert.equal(userPolicyFor(policies, 'shop', 'production'), 'every-time');
      assert.equal(userPolicyFor(policies, 'blog', 'default'), 'session');
      assert.equal(effectivePolicy('none', repoPolicyFor({ approval: 'session' }, 'default')), 'session');
      assert.equal(effectivePolicy('every-time', repoPolicyFor({ approval: 'none' }, 'default')), 'every-time', 'a repository never loosens');
      assert.equal(repoPolicyFor({ approval: 'session', environments: { production: { approval: 'every-time' } } }, 'production'), 'every-time');
    });

    it('approval.json verifies with the vault key; edited, it is ignored with a reason', async () => {
      const home = temp();
      await writeUserPolicies(home, KEY, { rules: [{ project: 'shop', environment: '*', policy: 'none' }], idleMs: 60_000 });
      assert.deepEqual((await readUserPolicies(home, KEY)).policies.rules, [{ project: 'shop', environment: '*', policy: 'none' }]);
      const file = path.join(home, 'approval.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"shop"', '"blog"'));
      const loaded = await readUserPolicies(home, KEY);
      assert.deepEqual(loaded.policies.rules, []);
      assert.match(loaded.problem ?? '', /changed outside EnvGuard and is ignored/);
      assert.match((await readUserPolicies(home, Buffer.alloc(32, 8))).problem ?? '', /ignored/, 'another key does not verify it');
    });
  });

  describe('recognising AI agents (a hint, never the boundary)', () => {
    const proc = (pid: number, argv: string[], exe?: string): ProcessInfo => ({ pid, ppid: pid - 1, argv, startTime: 100 + pid, ...(exe ? { exe } : {}) });
    it('by their processes, nearest first, also when shipped as a Node script', () => {
      const chain = [proc(50, ['node', '/opt/envguard/dist/cli.js', 'run']), proc(49, ['bash']), proc(48, ['node', '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js'], '/usr/bin/node')];
      const agent = recogniseAgent(chain, new Map());
      assert.equal(agent?.name, 'Claude Code');
      assert.equal(agent?.identity, 'Claude Code:48@148');
      assert.equal(recogniseAgent([proc(9, ['codex', 'exec'], '/usr/local/bin/codex')], new Map())?.name, 'Codex');
    });
    it('by the variables they set; a generic AGENT names itself; nothing tells nothing', () => {
      assert.equal(recogniseAgent([], new Map([['GEMINI_CLI', '1']]))?.name, 'Gemini CLI');
      assert.equal(recogniseAgent([], new Map([['AGENT', 'goose']]))?.name, 'goose');
      assert.equal(recogniseAgent([], new Map([['AGENT', '1']]))?.name, 'an AI agent');
      assert.equal(recogniseAgent([proc(3, ['bash'])], new Map()), undefined);
    });
  });

  describe('the release log', () => {
    it('chains and authenticates every record; a changed, removed or forged line is found', async () => {
      const home = temp();
      const key = gateKey(KEY, 'release log');
      const log = new ReleaseLog(home, key);
      for (const event of ['unlocked', 'approved', 'released'] as const) await log.append({ event, names: ['shop/default/DB'] });
      const file = path.join(home, 'releases.jsonl');
      assert.deepEqual((await readReleaseLog(home, key)).records.map((r) => r.event), ['unlocked', 'approved', 'released']);
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      writeFileSync(file, `${[lines[0], lines[2]].join('\n')}\n`);
      assert.deepEqual((await readReleaseLog(home, key)).broken, { line: 2, reason: 'the line before it was removed, changed or reordered' });
      writeFileSync(file, `${[lines[0], lines[1]!.replace('approved', 'denied'), lines[2]].join('\n')}\n`);
      assert.match((await readReleaseLog(home, key)).broken?.reason ?? '', /MAC does not verify/);
    });

    it('a command line is recorded with the values released masked out of it', () => {
      assert.equal(maskValues('curl -H "token: s3cr3t-value" x', ['s3cr3t-value', 'ab']), 'curl -H "token: ***" x');
    });
  });

  describe('the wrapped key and the automation vault', () => {
    it('only the passphrase unwraps the key; bounded parameters, no gigabyte allocations from a planted file', async () => {
      const home = temp();
      await initPassphraseVault(home, 'a long passphrase');
      const wrapped = (await readWrappedKey(home))!;
      assert.ok(await unwrapKey(wrapped, 'a long passphrase'));
      assert.equal(await unwrapKey(wrapped, 'a long passphrasE'), undefined);
      writeFileSync(path.join(home, 'vault.key.wrapped'), JSON.stringify({ ...(await wrapKey(KEY, 'x'.repeat(8))), kdf: { ...wrapped.kdf, N: 2 ** 30 } }));
      await assert.rejects(readWrappedKey(home), /damaged/);
    });

    it('a passphrase vault opens only with its key; an automation key store never opens it, nor the user\'s own folder', async () => {
      const home = temp();
      await initPassphraseVault(home, 'a long passphrase');
      await assert.rejects(openLocalVault({ home, env: {} }), (e: unknown) => e instanceof VaultError && e.code === 'locked');
      await assert.rejects(openLocalVault({ home, env: {}, keyStore: 'automation' }), /protected by a passphrase.*never opens it/);
      await assert.rejects(openLocalVault({ home, env: {}, keyStore: 'file' }), /protected by a passphrase/);
      const user = temp();
      const own = path.join(user, 'data', 'envguard');
      await assert.rejects(openLocalVault({ home: own, env: { XDG_DATA_HOME: path.join(user, 'data'), ENVGUARD_HOME: own }, keyStore: 'automation' }), /only for a vault of its own/);
      const key = (await unwrapKey((await readWrappedKey(home))!, 'a long passphrase'))!;
      const vault = await openLocalVault({ home, env: {}, key });
      assert.equal(vault.gated, true);
      await vault.set('A', 'value-a');
      assert.equal((await vault.get('A')).value, 'value-a');
    });
  });
});
