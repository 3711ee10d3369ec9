/**
 * Every verdict of the detector, one line each, to compare before and after a change meant to
 * leave detection as it is (a speed-up): `node --import tsx test/bench/verdicts.ts OUT.tsv`, change,
 * run again into another file, `cmp` the two. Lines name files, lines, keys, rule ids and case
 * numbers, never values.
 *
 * - the detection bench's 10 MB file (sections/parse.ts): each finding of detectSecrets;
 * - the labelled corpus (test/unit/detection/corpus.ts): each case under its own key and other keys;
 * - the external corpus (external/measure.ts), when its snapshots are on this machine: the same.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { classifyValue, detectSecrets } from '../../src/core/detection';
import { parseEnv } from '../../src/core/dotenv';
import { buildCorpus } from '../unit/detection/corpus';
import { externalCases } from './external/measure';
import { bigEnvText } from './sections/parse';

/** Keys of every kind of verdict: neutral, client-exposed, hinting at a password, token or key, naming a vendor, an id. */
const OTHER_KEYS = ['VALUE_1', 'NEXT_PUBLIC_THING', 'API_KEY', 'DB_PASSWORD', 'TOKEN', 'APP_KEY', 'STRIPE_KEY', 'SERVICE_ID', 'PUBLIC_KEY'];

function verdict(key: string, value: string): string {
  const match = classifyValue(key, value);
  return match ? `${match.rule}|${match.source ?? ''}|${match.description}|${match.statement ?? ''}` : '-';
}

function main(): void {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node --import tsx test/bench/verdicts.ts OUT.tsv');
  const lines: string[] = [];
  const doc = parseEnv(bigEnvText());
  for (const f of detectSecrets(doc, 'big.env')) lines.push(`bench\t${f.line}:${f.column}\t${f.key}\t${f.rule}\t${f.severity}\t${f.message}`);
  lines.push(`bench-entries\t${doc.entryCount}`);
  buildCorpus().forEach((c, i) => lines.push(`corpus\t${i}\t${c.category}\t${c.key}\t${verdict(c.key, c.value)}\t${OTHER_KEYS.map((k) => verdict(k, c.value)).join('\t')}`));
  const external = externalCases();
  if (external) {
    external.cases.forEach((c, i) => lines.push(`external\t${i}\t${c.source}\t${c.rule}\t${verdict(c.fittingKey, c.value)}\t${OTHER_KEYS.map((k) => verdict(k, c.value)).join('\t')}`));
  } else lines.push('external\tabsent');
  writeFileSync(out, `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.length} verdicts, sha256 ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}\n`);
}

main();
