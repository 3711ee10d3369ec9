/**
 * Minimal edits to a JSON-with-comments settings file, as VS Code makes them (jsonc-parser's
 * modify + applyEdits): only the changed values are written; comments, order, indentation and line
 * endings of everything else stay as they are.
 */
import { applyEdits, modify, parse, printParseErrorCode, type JSONPath, type ParseError } from 'jsonc-parser';
import { detectEol, detectIndentation, splitBom } from './text-format';

export type JsonObject = Record<string, unknown>;

export interface Modification {
  readonly path: JSONPath;
  readonly value: unknown;
  /** Insert `value` into the array at `path` (whose last segment is an index, -1 for the end). */
  readonly insert?: boolean;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a missing or blank file: there is nothing of the user's to keep. */
export function isBlank(text: string | undefined): boolean {
  return text === undefined || splitBom(text).body.trim() === '';
}

/** The root object of a settings file; comments and trailing commas are accepted, anything else is refused. */
export function parseJsoncObject(text: string): { ok: true; value: JsonObject } | { ok: false; reason: string } {
  const { body } = splitBom(text);
  const errors: ParseError[] = [];
  const value: unknown = parse(body, errors, { allowTrailingComma: true, disallowComments: false });
  const [first] = errors;
  if (first) {
    const { line, column } = position(body, first.offset);
    return { ok: false, reason: `invalid JSON (${printParseErrorCode(first.error)} at line ${line}, column ${column})` };
  }
  if (!isJsonObject(value)) return { ok: false, reason: 'the top level is not a JSON object' };
  return { ok: true, value };
}

/** Applies each modification in turn, formatted like the file (its indentation and line ending). */
export function applyModifications(text: string, modifications: readonly Modification[]): string {
  const { bom, body } = splitBom(text);
  const { insertSpaces, tabSize } = detectIndentation(body);
  const formattingOptions = { insertSpaces, tabSize, eol: detectEol(body) };
  let result = body;
  for (const { path, value, insert } of modifications) {
    result = applyEdits(result, modify(result, path, value, { formattingOptions, isArrayInsertion: insert === true }));
  }
  return bom + result;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
