import { VaultError } from '../types';

/** A secret's version as read: its text, or the fact that it is binary (its bytes are never kept). */
export interface SecretText {
  readonly name: string;
  readonly arn: string;
  readonly versionId: string;
  readonly createdOn: Date;
  /** Undefined for a binary secret (SecretBinary). */
  readonly text?: string;
}

/** JSON documents are at most this deep and this large before EnvGuard parses them (SecretString's own limit). */
export const MAX_SECRET_BYTES = 65_536;

/**
 * The value a reference asks for: the whole SecretString, or one field of it (`a/b` for `#/a/b`).
 * Messages name the secret and the key, never the value (nor a JSON parser's message, which quotes it).
 */
export function valueOf(secret: SecretText, label: string, jsonKey: string | undefined): string {
  if (secret.text === undefined) {
    throw new VaultError('corrupt', `${label} holds a binary value (SecretBinary); EnvGuard resolves text secrets only${jsonKey ? ` (key ${jsonKey} asked for)` : ''}`);
  }
  if (jsonKey === undefined) return secret.text;
  let node = parseJson(secret.text);
  if (node === undefined) throw new VaultError('corrupt', `${label} is not a JSON object, so it has no key ${jsonKey}`);
  for (const segment of jsonKey.split('/')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, segment)) {
      throw new VaultError('not-found', `${label} has no key ${jsonKey}`);
    }
    node = (node as Record<string, unknown>)[segment];
  }
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  throw new VaultError('corrupt', `the key ${jsonKey} of ${label} holds ${node === null ? 'null' : 'an object or a list'}, not a text value`);
}

function parseJson(text: string): unknown {
  if (text.length > MAX_SECRET_BYTES * 2) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A JSON layout document as a map of fields; undefined when the secret holds something else (then
 * EnvGuard does not write into it: it would overwrite a value it does not understand).
 */
export function documentFields(text: string | undefined): Map<string, string> | undefined {
  if (text === undefined) return undefined;
  const parsed = parseJson(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const fields = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value !== 'string') return undefined;
    fields.set(key, value);
  }
  return fields;
}

/** The document's text: fields in a stable (sorted) order, so equal documents are equal texts. */
export function documentText(fields: ReadonlyMap<string, string>): string {
  const sorted = [...fields.keys()].sort();
  return JSON.stringify(Object.fromEntries(sorted.map((k) => [k, fields.get(k)!])));
}
