/**
 * Merges EnvGuard's entries into a JSON-with-comments settings file that is the user's: values are
 * added where missing, never replaced or removed; comments, order and layout stay (files/jsonc.ts).
 * A file that cannot be parsed, or whose value at a path EnvGuard needs has another type, is
 * refused with the path named, and never rewritten.
 */
import { applyModifications, isBlank, isJsonObject, parseJsoncObject, type JsonObject, type Modification } from '../files/jsonc';
import type { TextEdit } from '../files/text-format';

/** What `expect` returns when the value cannot be used (the reason is recorded). */
const REFUSED = Symbol('refused');

type Lookup = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

export class JsonSettingsEdit {
  private readonly root: JsonObject;
  private readonly text: string;
  private readonly modifications: Modification[] = [];
  private failure: string | undefined;

  constructor(current: string | undefined) {
    if (current === undefined || isBlank(current)) {
      this.root = {};
      this.text = '{}\n';
      return;
    }
    this.text = current;
    const parsed = parseJsoncObject(current);
    if (parsed.ok) {
      this.root = parsed.value;
    } else {
      this.root = {};
      this.failure = parsed.reason;
    }
  }

  /** The value at `path`, undefined when absent; a refusal when a step on the way is not an object. */
  lookup(path: readonly string[]): Lookup {
    let value: unknown = this.root;
    for (let depth = 0; depth < path.length; depth++) {
      if (value === undefined) return { ok: true, value: undefined };
      if (!isJsonObject(value)) return { ok: false, reason: `"${path.slice(0, depth).join('.')}" is not an object` };
      value = value[path[depth]!];
    }
    return { ok: true, value };
  }

  /** Appends to the array at `path` every item it does not hold yet (creating the array). */
  ensureItems(path: readonly string[], items: readonly unknown[], holds: (array: readonly unknown[], item: unknown) => boolean = (array, item) => array.includes(item)): void {
    const current = this.expect(path, Array.isArray, 'an array');
    if (current === REFUSED) return;
    const array = (current ?? []) as unknown[];
    const missing = items.filter((item) => !holds(array, item));
    if (missing.length === 0) return;
    if (current === undefined) this.modifications.push({ path: [...path], value: missing });
    else for (const item of missing) this.modifications.push({ path: [...path, -1], value: item, insert: true });
  }

  /** Sets the value at `path` when it is absent or different. */
  ensureValue(path: readonly string[], value: string | number | boolean): void {
    const current = this.expect(path, (found) => typeof found === typeof value, `a ${typeof value}`);
    if (current === REFUSED || current === value) return;
    this.modifications.push({ path: [...path], value });
  }

  /** Sets the value at `path` only when it is absent (a value the user chose stays). */
  ensureDefault(path: readonly string[], value: unknown): void {
    const found = this.lookup(path);
    if (!found.ok) this.fail(found.reason);
    else if (found.value === undefined) this.modifications.push({ path: [...path], value });
  }

  /** The new text, the same text when nothing was missing, or why the file is left alone. */
  result(): TextEdit {
    if (this.failure !== undefined) return { ok: false, reason: `${this.failure}; not modified` };
    if (this.modifications.length === 0) return { ok: true, text: this.text };
    return { ok: true, text: applyModifications(this.text, this.modifications) };
  }

  /** The current value (undefined when absent), or REFUSED after recording why it cannot be used. */
  private expect(path: readonly string[], is: (value: unknown) => boolean, what: string): unknown {
    const found = this.lookup(path);
    if (!found.ok) return this.fail(found.reason);
    if (found.value !== undefined && !is(found.value)) return this.fail(`"${path.join('.')}" is not ${what}`);
    return found.value;
  }

  private fail(reason: string): typeof REFUSED {
    this.failure ??= reason;
    return REFUSED;
  }
}

/** Whether `array` holds a hook entry whose command is `command` (at any depth of the entry). */
export function holdsCommand(array: readonly unknown[], command: string): boolean {
  return array.some((entry) => mentionsCommand(entry, command, 0));
}

function mentionsCommand(value: unknown, command: string, depth: number): boolean {
  if (depth > 4) return false;
  if (Array.isArray(value)) return value.some((item) => mentionsCommand(item, command, depth + 1));
  if (!isJsonObject(value)) return false;
  return value['command'] === command || Object.values(value).some((item) => mentionsCommand(item, command, depth + 1));
}
