import * as path from 'node:path';
import { nodeFromNpm, npmCiWithNode } from '../../support/node-from-npm';

/** The peer's command line: `node` runs `bin`. */
export interface Secretlint {
  readonly node: string;
  readonly bin: string;
}

/**
 * secretlint 13 requires Node 22+, and this project's dev dependencies install on Node 20: it lives in
 * its own tools package (test/bench/tools), installed on first use and run with Node 24 from npm.
 */
export function ensureSecretlint(): Secretlint {
  const tools = path.join(__dirname, '..', 'tools');
  const node = nodeFromNpm(24);
  npmCiWithNode(node, tools);
  return { node, bin: path.join(tools, 'node_modules', 'secretlint', 'bin', 'secretlint.js') };
}
