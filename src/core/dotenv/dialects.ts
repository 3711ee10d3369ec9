import { COMPOSE_GRAMMAR } from './compose/grammar';
import { DOTENV_GRAMMAR } from './dotenv-grammar';
import type { DialectName, Grammar } from './grammar';
import type { EnvDocument } from './model';
import { parseWith } from './parse';
import { PYTHON_DOTENV_GRAMMAR } from './python-dotenv/grammar';

/** Every loader EnvGuard reads files as, in the order messages list them. */
export const DIALECTS: readonly DialectName[] = ['dotenv', 'python-dotenv', 'compose'];

const GRAMMARS: Record<DialectName, Grammar> = { dotenv: DOTENV_GRAMMAR, 'python-dotenv': PYTHON_DOTENV_GRAMMAR, compose: COMPOSE_GRAMMAR };

export function grammarFor(dialect: DialectName): Grammar {
  return GRAMMARS[dialect];
}

/** True for the names `.envguard.json` may give as a loader. */
export function isDialectName(name: unknown): name is DialectName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(GRAMMARS, name);
}

/** The file as this loader reads it. */
export function parseAs(dialect: DialectName, text: string): EnvDocument {
  return parseWith(GRAMMARS[dialect], text);
}
