import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { migrationProgress } from '../../../src/cli/migration-progress';

/** What `envguard migrate` writes to stderr as it works: a bar on a terminal, plain lines elsewhere; names only. */
describe('migrate progress on stderr', () => {
  function written(isTerminal: boolean): string {
    const stream = new PassThrough();
    let text = '';
    stream.setEncoding('utf8').on('data', (d: string) => { text += d; });
    const progress = migrationProgress(stream, isTerminal);
    progress.onProgress({ step: 'store', secretName: 'shop-default-A', done: 0, total: 2 });
    progress.onProgress({ step: 'stored', secretName: 'shop-default-A', confirmed: true, done: 1, total: 2 });
    progress.onProgress({ step: 'stored', secretName: 'shop-default-B', confirmed: false, done: 2, total: 2 });
    progress.onProgress({ step: 'rewrite', file: '.env' });
    progress.onProgress({ step: 'file-done', file: '.env', rewritten: false });
    progress.end();
    return text;
  }

  it('draws one bar in place on a terminal, cleared before a line is printed', () => {
    assert.equal(written(true), [
      '\r\u001b[2K[###############---------------] 1/2 stored  shop-default-A',
      '\r\u001b[2K[##############################] 2/2 stored  shop-default-B',
      '\r\u001b[2Kenvguard migrate: left unchanged .env\n',
    ].join(''));
  });

  it('prints one plain line per item otherwise', () => {
    assert.equal(written(false), 'envguard migrate: stored shop-default-A (1/2)\nenvguard migrate: not stored shop-default-B (2/2)\nenvguard migrate: left unchanged .env\n');
  });
});
