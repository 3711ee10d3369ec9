import * as assert from 'node:assert/strict';
import { TtlCache } from '../../../src/extension/references/ttl-cache';

describe('the short-lived cache of reference metadata (extension/references/ttl-cache)', () => {
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => { now = 1_000; });

  it('keeps a value for its lifetime, then loads again', async () => {
    const cache = new TtlCache<string>(30_000, 10, clock);
    let loads = 0;
    const load = (): Promise<string> => Promise.resolve(`v${++loads}`);
    assert.equal(await cache.getOrLoad('a', load), 'v1');
    now += 29_999;
    assert.equal(await cache.getOrLoad('a', load), 'v1');
    now += 1;
    assert.equal(cache.get('a'), undefined);
    assert.equal(await cache.getOrLoad('a', load), 'v2');
  });

  it('shares one load among lookups while it is in flight', async () => {
    const cache = new TtlCache<string>(30_000, 10, clock);
    let loads = 0;
    let finish!: (v: string) => void;
    const load = (): Promise<string> => { loads++; return new Promise((resolve) => { finish = resolve; }); };
    const first = cache.getOrLoad('a', load);
    const second = cache.getOrLoad('a', load);
    finish('value');
    assert.deepEqual(await Promise.all([first, second]), ['value', 'value']);
    assert.equal(loads, 1);
  });

  it('keeps no failure: the next lookup asks again', async () => {
    const cache = new TtlCache<string>(30_000, 10, clock);
    await assert.rejects(cache.getOrLoad('a', () => Promise.reject(new Error('unreachable'))), /unreachable/);
    assert.equal(cache.get('a'), undefined);
    assert.equal(await cache.getOrLoad('a', () => Promise.resolve('ok')), 'ok');
  });

  it('holds at most maxEntries, dropping the oldest; clear forgets one key or all', async () => {
    const cache = new TtlCache<number>(30_000, 2, clock);
    for (const [i, key] of ['a', 'b', 'c'].entries()) await cache.getOrLoad(key, () => Promise.resolve(i));
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a'), undefined);
    assert.equal(await cache.get('c'), 2);
    cache.clear('c');
    assert.equal(cache.get('c'), undefined);
    cache.clear();
    assert.equal(cache.size, 0);
  });

  it('keeps undefined (a secret the vault does not have) like any answer', async () => {
    const cache = new TtlCache<string | undefined>(30_000, 10, clock);
    let loads = 0;
    const load = (): Promise<undefined> => { loads++; return Promise.resolve(undefined); };
    await cache.getOrLoad('gone', load);
    await cache.getOrLoad('gone', load);
    assert.equal(loads, 1);
  });
});
