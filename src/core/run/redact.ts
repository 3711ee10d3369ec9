import { Transform, type TransformCallback } from 'node:stream';
import { Masker, Redaction, type RedactionOptions } from './redact-masker';

export { MIN_REDACTED_LENGTH, MIN_FRAGMENT_BYTES, MIN_BASE64_CORE, isRedactable } from './redact-forms';
export { Redaction, type RedactionOptions } from './redact-masker';

/**
 * Masks released values in a byte stream (a child's stdout or stderr) as `[REDACTED:KEY]`: each
 * value, its base64 (standard and URL-safe, padded or not, also inside a longer base64 text), hex,
 * URL and JSON escapes, in any ASCII case, wrapped over lines, and its pieces of 8 bytes or more
 * (see redact-forms.ts for exactly what). A value cut by a chunk boundary is caught whole: the end
 * of a chunk that could begin one is held back until the next chunk (or the end) decides.
 *
 * Give it the values (`Map<key, value>`) or a Redaction compiled from them; the streams of one child
 * built from the same Map share one compiled Redaction.
 */
export class RedactingStream extends Transform {
  private readonly masker: Masker;

  constructor(secrets: ReadonlyMap<string, string> | Redaction, options: RedactionOptions = {}) {
    super();
    this.masker = new Masker(secrets instanceof Redaction ? secrets : compiledFor(secrets, options));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const part of this.masker.write(chunk)) this.push(part);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    for (const part of this.masker.end()) this.push(part);
    callback();
  }
}

/** A stream masking `secrets` in what goes through it (the factory the wiring of `run` uses). */
export function createRedactingStream(secrets: ReadonlyMap<string, string>, options: RedactionOptions = {}): RedactingStream {
  return new RedactingStream(secrets, options);
}

/**
 * The last compilation for each Map (runChild builds a stream for stdout and one for stderr from
 * the same Map): kept while the Map lives, used again only if its entries and the options are the same.
 */
const compilations = new WeakMap<ReadonlyMap<string, string>, { entries: [string, string][]; fragments: boolean; redaction: Redaction }>();

function compiledFor(secrets: ReadonlyMap<string, string>, options: RedactionOptions): Redaction {
  const fragments = options.fragments ?? true;
  const cached = compilations.get(secrets);
  if (cached && cached.fragments === fragments && sameEntries(cached.entries, secrets)) return cached.redaction;
  const redaction = Redaction.compile(secrets, { fragments });
  compilations.set(secrets, { entries: [...secrets], fragments, redaction });
  return redaction;
}

function sameEntries(entries: readonly [string, string][], secrets: ReadonlyMap<string, string>): boolean {
  if (entries.length !== secrets.size) return false;
  let i = 0;
  for (const [key, value] of secrets) {
    const [cachedKey, cachedValue] = entries[i++]!;
    if (key !== cachedKey || value !== cachedValue) return false;
  }
  return true;
}
