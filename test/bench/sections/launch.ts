/**
 * The time EnvGuard adds to a debug launch whose env file holds 20 local-vault references: the
 * core work the debug provider does (read and parse the env file, resolve every reference, build
 * `env`), cold (first launch: the vault opens, its key is read) and warm (later launches).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { prepareLaunchEnvironment } from '../../../src/core/launch';
import { openLocalVault } from '../../../src/core/vault/local';
import { vaultSecretSource } from '../../../src/core/vault/secret-source';
import { formatTimings, median } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';

const COUNT = 20;

export const launchSection: Section = {
  name: `Debug launch with ${COUNT} references (local vault)`,
  async run(context: BenchContext): Promise<Row[]> {
    const dir = path.join(context.work, 'launch');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const home = path.join(dir, 'vault');
    const seed = await openLocalVault({ home, keyStore: 'file', env: {} });
    const lines: string[] = ['PORT=3000', 'NODE_ENV=development'];
    for (let i = 0; i < COUNT; i++) {
      await seed.set(`SECRET_${i}`, `value-${i}-Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg0Ac`);
      lines.push(`SECRET_${i}=envguard://local/SECRET_${i}`);
    }
    writeFileSync(path.join(dir, '.env'), `${lines.join('\n')}\n`);
    const config = { type: 'node', request: 'launch', name: 'app', program: 'index.js', envFile: path.join(dir, '.env') };

    const cold: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run <= context.runs; run++) {
      // Each run is a fresh extension session: the source opens the vault on first use.
      const source = vaultSecretSource('local', 'local vault', () => openLocalVault({ home, keyStore: 'file', env: {} }));
      let t = performance.now();
      const first = await prepareLaunchEnvironment(config, { folder: dir, sources: [source] });
      const coldMs = performance.now() - t;
      if (first.failures.length > 0 || first.resolvedKeys.length !== COUNT) throw new Error('the references did not resolve');
      t = performance.now();
      await prepareLaunchEnvironment(config, { folder: dir, sources: [source] });
      const warmMs = performance.now() - t;
      if (run > 0) { cold.push(coldMs); warm.push(warmMs); }
    }
    return [
      { measure: 'first launch (vault opened)', value: formatTimings(cold), notes: 'read + parse the env file, open the vault, resolve 20 references' },
      { measure: 'later launches (warm)', value: formatTimings(warm), notes: 'what each F5 adds once the vault is open', goal: { text: '< 100 ms', met: median(warm) < 100 } },
    ];
  },
};
