import type { Grammar } from '../grammar';
import { exactWrittenSpan, plainUnlessEscaped } from '../step-scanner-base';
import { keepLineEndings } from '../line-endings';
import { composeFormatCandidates } from './quote';
import { composeKeyScan, ComposeScanner, isComposeSpace, trimKeyEnd } from './scanner';
import { composeValue } from './value';

/** docker compose's env files (a service's `env_file:`, the project's `.env`), as scanner.ts documents them. */
export const COMPOSE_GRAMMAR: Grammar = {
  dialect: 'compose',
  loaderName: 'docker compose',
  normalize: keepLineEndings,
  scanner: (s) => new ComposeScanner(s),
  keyStart(s, start, exported) {
    let k = start;
    if (exported) {
      k += 'export'.length;
      while (isComposeSpace(s.charCodeAt(k))) k++;
    }
    return k;
  },
  keyEnd(s, keyStart) {
    return trimKeyEnd(s, keyStart, composeKeyScan(s, keyStart).stop);
  },
  writtenSpan: exactWrittenSpan,
  plainKind: plainUnlessEscaped,
  value: composeValue,
  formatCandidates: composeFormatCandidates,
};
