import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRuleDocs, ruleDoc, ruleHelpUri, VENDOR_RULES } from '../../../src/core/detection';
import { renderRulesPage } from '../../../src/core/detection/rules-page';

describe('rule documentation and docs/rules.md', () => {
  it('every rule has an id, a title, a one-paragraph description that says how to revoke it, and a severity', () => {
    const docs = allRuleDocs();
    assert.ok(docs.length >= VENDOR_RULES.length + 10);
    for (const doc of docs) {
      assert.ok(doc.title.length > 2, doc.id);
      assert.ok(doc.description.length >= 80 && !doc.description.includes('\n'), `${doc.id}: one paragraph`);
      assert.ok(['error', 'warning', 'info'].includes(doc.severity), doc.id);
      if (doc.family === 'vendor' || doc.family === 'credentials') assert.match(doc.description, /[Rr]evoke|[Rr]otate|[Rr]oll|[Dd]elete|[Rr]egenerate|[Rr]eset|[Rr]eplace|[Cc]hange|[Rr]emove|[Dd]eactivate|[Mm]igrate|[Ii]nvalidate|[Dd]isable|[Uu]ninstall/, `${doc.id} says how to revoke it`);
    }
    assert.equal(ruleDoc('custom:acme').family, 'custom');
    assert.equal(ruleHelpUri('github-token'), 'https://github.com/envguard/envguard/blob/main/docs/rules.md#github-token');
  });

  it('docs/rules.md is current (run `npm run docs:rules` after changing a rule)', () => {
    const file = path.resolve(__dirname, '../../../docs/rules.md');
    assert.equal(readFileSync(file, 'utf8'), renderRulesPage(), 'docs/rules.md is out of date: run npm run docs:rules');
  });

  it('has an anchor for every rule the table knows', () => {
    const page = renderRulesPage();
    for (const rule of VENDOR_RULES) assert.ok(page.includes(`\n### ${rule.id}\n`), rule.id);
  });
});
