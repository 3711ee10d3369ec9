/** `npm run docs:rules`: writes docs/rules.md from the rule table. */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderRulesPage } from '../src/core/detection/rules-page';

const target = path.resolve(__dirname, '../docs/rules.md');
writeFileSync(target, renderRulesPage());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
