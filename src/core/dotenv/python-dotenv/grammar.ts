import type { Grammar } from '../grammar';
import { exactWrittenSpan, plainUnlessEscaped } from '../step-scanner-base';
import { normalizeLineEndings } from '../line-endings';
import { pythonFormatCandidates } from './quote';
import { isPythonLineSpace, isPythonWhitespace, PythonDotenvScanner } from './scanner';
import { pythonDotenvValue } from './value';

/** python-dotenv (`dotenv_values`, `load_dotenv`): its parser, as scanner.ts documents it. */
export const PYTHON_DOTENV_GRAMMAR: Grammar = {
  dialect: 'python-dotenv',
  loaderName: 'python-dotenv',
  normalize: normalizeLineEndings,
  scanner: (s) => new PythonDotenvScanner(s),
  keyStart(s, start, exported) {
    let k = start;
    if (exported) {
      k += 'export'.length;
      while (isPythonLineSpace(s.charCodeAt(k))) k++;
    }
    return s.charCodeAt(k) === 0x27 ? k + 1 : k;
  },
  keyEnd(s, keyStart) {
    // A quoted key runs to the next quote (an unquoted one never follows a quote).
    if (s.charCodeAt(keyStart - 1) === 0x27) return s.indexOf("'", keyStart);
    let end = keyStart;
    for (let c = s.charCodeAt(end); end < s.length && c !== 0x3d && c !== 0x23 && !isPythonWhitespace(c); c = s.charCodeAt(++end));
    return end;
  },
  writtenSpan: exactWrittenSpan,
  plainKind: plainUnlessEscaped,
  value: pythonDotenvValue,
  formatCandidates: pythonFormatCandidates,
};
