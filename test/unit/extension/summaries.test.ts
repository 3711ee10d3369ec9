import * as assert from 'node:assert/strict';
import { readyLine, scanSummary, statusTooltip } from '../../../src/extension/summaries';

const six = { secrets: 6, filesWithSecrets: 2, filesChecked: 5 };
const none = { secrets: 0, filesWithSecrets: 0, filesChecked: 5 };

describe('what the extension says about the count (extension/summaries)', () => {
  // "found 6 in 2 env file(s)" counted the files scanned, not the files with findings.
  it('Scan Workspace names both the files with secrets and the files checked', () => {
    assert.equal(scanSummary(six), 'EnvGuard found 6 plaintext secrets in 2 of 5 env files.');
    assert.equal(scanSummary({ secrets: 1, filesWithSecrets: 1, filesChecked: 1 }), 'EnvGuard found 1 plaintext secret in 1 of 1 env file.');
    assert.equal(scanSummary(none), 'EnvGuard found no plaintext secrets in 5 env files.');
  });

  it('the Ready line gives the real count, and says when only reading and reporting', () => {
    assert.equal(readyLine(six, true), 'Ready: 6 plaintext secrets in 2 of 5 env files');
    assert.equal(readyLine(six, false), 'Ready: 6 plaintext secrets in 2 of 5 env files (Restricted Mode: reading and reporting only)');
  });

  // The Restricted Mode tooltip offered a quick fix that Restricted Mode does not have.
  it('the status bar tooltip offers the quick fix only in a trusted workspace, and says what Restricted Mode allows', () => {
    assert.match(statusTooltip(six, true), /^EnvGuard: 6 plaintext secrets in 2 of 5 env files\. .*a quick fix moves each into the vault\.$/);
    const restricted = statusTooltip(six, false);
    assert.doesNotMatch(restricted, /quick fix/);
    assert.match(restricted, /Restricted Mode: EnvGuard reads and reports only; to move them into a vault, trust this workspace\./);
    assert.match(statusTooltip(none, false), /no plaintext secrets .*Restricted Mode/);
  });
});
