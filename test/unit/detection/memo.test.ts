import assert from 'node:assert/strict';
import { DetectionMemo, detectSecrets } from '../../../src/core/detection';
import { parseEnv } from '../../../src/core/dotenv';
import { trickyEnvFile } from '../support/tricky-env';

describe('detection memo (re-checks after an edit)', () => {
  it('gives exactly the findings of a fresh detection, edit after edit', () => {
    const { text } = trickyEnvFile();
    const memo = new DetectionMemo();
    const versions = [text, `${text}NEW_TOKEN=Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg0Ac\n`, text.replace(/^PORT=.*$/m, 'PORT=8080'), `# head\n${text}`, text];
    for (const version of versions) {
      const doc = parseEnv(version);
      assert.deepEqual(detectSecrets(doc, '.env', undefined, memo), detectSecrets(doc, '.env'));
    }
  });

  it('classifies only what changed, and forgets verdicts the latest text no longer uses', () => {
    const memo = new DetectionMemo();
    let calls = 0;
    const verdict = (key: string, value: string): void => { memo.verdict(key, value, () => { calls++; return undefined; }); };
    const analysis = (...entries: [string, string][]): void => {
      memo.nextGeneration();
      for (const [key, value] of entries) verdict(key, value);
      memo.forgetUnused();
    };
    analysis(['A', '1'], ['B', '2']);
    analysis(['A', '1'], ['B', '3']); // B edited
    assert.equal(calls, 3);
    analysis(['B', '3']); // an analysis that did not see A: its verdict is gone
    assert.equal(calls, 3);
    analysis(['A', '1'], ['B', '3']);
    assert.equal(calls, 4);
    analysis(['A', '1'], ['A', '2'], ['B', '3']); // a key written twice: each value gets its own verdict
    assert.equal(calls, 5);
  });
});
