import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fake } from '../support/fakes';
import { concurrentName, concurrentValue } from './concurrent-values';
import { allFiles, freshHome, counterFile, keyFile, openTestVault, removeTempDirs, storeFile } from './helpers';

const WRITERS = 4;
const SECRETS_PER_WRITER = 25;
const ROOT = path.resolve(__dirname, '../../..');

interface Writer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly ready: Promise<void>;
  readonly exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startWriter(home: string, writer: number): Writer {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'concurrent-writer.ts'), home, String(writer), String(SECRETS_PER_WRITER)], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { signalReady = resolve; });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.includes('ready')) signalReady();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      signalReady(); // a writer that died before "ready" must not hang the test
      resolve({ code, stdout, stderr });
    });
  });
  return { child, ready, exited };
}

describe('local vault under concurrent writers', () => {
  after(removeTempDirs);

  it(`${WRITERS} processes writing ${SECRETS_PER_WRITER} secrets each at once to a fresh vault lose nothing`, async () => {
    const home = freshHome();
    const writers = Array.from({ length: WRITERS }, (_, writer) => startWriter(home, writer));
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.stdin.end('go\n');
    const results = await Promise.all(writers.map((w) => w.exited));
    for (const [writer, result] of results.entries()) assert.equal(result.code, 0, `writer ${writer}: ${result.stderr}`);

    const vault = await openTestVault(home);
    const listed = await vault.list();
    assert.equal(listed.length, WRITERS * SECRETS_PER_WRITER);
    for (let writer = 0; writer < WRITERS; writer++) {
      for (let index = 0; index < SECRETS_PER_WRITER; index++) {
        const secret = await vault.get(concurrentName(writer, index));
        assert.equal(secret.value, concurrentValue(writer, index));
        assert.equal(secret.info.tags.writer, String(writer));
      }
    }
    // The writers really ran at once: one after another would switch writer exactly WRITERS - 1 times.
    const order = listed.slice().sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime()).map((i) => i.tags.writer);
    const switches = order.filter((writer, i) => i > 0 && writer !== order[i - 1]).length;
    assert.ok(switches > WRITERS - 1, `the writers ran one after another (${order.join('')})`);
    // One key for all four (created once, under the lock), and no temp files or locks left over.
    assert.deepEqual(allFiles(home).sort(), [keyFile(home), storeFile(home), counterFile(home)].sort());
    assert.equal(fs.readdirSync(home).length, 3);
  });

  it('takes over a stale lock left by a process that died mid-write', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    await vault.set('BEFORE', fake.password('before'));
    const lock = `${storeFile(home)}.lock`;
    fs.mkdirSync(lock);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, aMinuteAgo, aMinuteAgo);
    await vault.set('AFTER', fake.password('after'));
    assert.deepEqual((await vault.list()).map((i) => i.name), ['AFTER', 'BEFORE']);
    assert.equal(fs.existsSync(lock), false);
  });

  it('concurrent writes within one process lose nothing either', async () => {
    const vault = await openTestVault(freshHome());
    await Promise.all(Array.from({ length: 20 }, (_, index) => vault.set(`SAME_PROCESS_${index}`, fake.password(`same-${index}`))));
    assert.equal((await vault.list()).length, 20);
    await Promise.all(Array.from({ length: 5 }, (_, index) => vault.set('ONE_NAME', fake.password(`one-${index}`))));
    assert.equal((await vault.versions('ONE_NAME')).length, 5);
  });
});
