/**
 * What a program gets from files python-dotenv reads, with its interpolation (`${VAR}`,
 * `${VAR:-default}`): `loadEnvFiles(...).programValues` against the real `load_dotenv`, file after
 * file, with and without override, in an environment that already holds some variables.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadEnvFiles } from '../../../src/core/run';
import { expandPython, pythonExpands } from '../../../src/core/dotenv/python-dotenv/interpolate';
import { pythonDotenvRead } from './python-dotenv-oracle';

const valuePart = fc.constantFrom('${A}', '${B:-d}', '${C:-}', '${UNSET:-u}', '${E}', '${', '}', ':-', 'x', ' ', '"', "'", '#', '$A', '${A:-${B}}', '\\');
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('A', 'B', 'C', 'E'), fc.array(valuePart, { maxLength: 5 })).map(([key, parts]) => `${key}=${parts.join('')}`) },
  { weight: 1, arbitrary: fc.constantFrom('A', 'B', '# c', '') },
);
const file = fc.array(line, { maxLength: 6 }).map((lines) => `${lines.join('\n')}\n`);
const scenario = fc.record({
  files: fc.array(file, { minLength: 1, maxLength: 3 }),
  env: fc.constantFrom<Record<string, string>>({}, { E: 'from-env' }, { A: 'env-a', E: '' }),
  override: fc.boolean(),
});

describe('python-dotenv dialect: interpolation as load_dotenv does it', function () {
  this.timeout(120_000);

  it('expands ${VAR} and ${VAR:-default} only (an empty or None value is not absent)', () => {
    const lookup = (name: string): string | null | undefined => ({ SET: 'v', EMPTY: '', NONE: null } as Record<string, string | null>)[name];
    assert.strictEqual(expandPython('${SET}|${EMPTY:-d}|${NONE:-d}|${ABSENT:-d}|${ABSENT}|$SET|${a${SET}', lookup), 'v|||d||$SET|');
    assert.deepStrictEqual(['${A}', '$A', '${', 'x}'].map(pythonExpands), [true, false, false, false]);
  });

  it('gives the program what load_dotenv gives the app, file after file (property, 600 scenarios in one batch)', async () => {
    const scenarios = fc.sample(scenario, { numRuns: 600, seed: 20261206 });
    const dir = mkdtempSync(path.join(tmpdir(), 'envguard-interpolation-'));
    try {
      // The oracle takes one environment and one override per batch: a batch per combination.
      for (const override of [false, true]) {
        for (const env of [{}, { E: 'from-env' }, { A: 'env-a', E: '' }] as Record<string, string>[]) {
          const chosen = scenarios.filter((s) => s.override === override && JSON.stringify(s.env) === JSON.stringify(env));
          const { results } = pythonDotenvRead(chosen.map((s) => s.files), { load: true, override, env });
          for (const [i, s] of chosen.entries()) {
            const paths = s.files.map((text, j) => {
              const p = path.join(dir, `${i}-${j}.env`);
              writeFileSync(p, text);
              return p;
            });
            const loaded = await loadEnvFiles(paths, { baseEnv: env, override, loadersOf: () => Promise.resolve(['python-dotenv']) });
            const ours = { ...env, ...Object.fromEntries(loaded.programValues(new Map())) };
            const result = results[i]!;
            assert.ok('values' in result, JSON.stringify(result));
            assert.deepStrictEqual(ours, Object.fromEntries(result.values), `${JSON.stringify(s)}`);
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
