/**
 * The real python-dotenv (Debian's `python3-dotenv`, run by Debian's `/usr/bin/python3`) as an
 * oracle: one python3 process reads a whole batch of files, each with `dotenv_values`, and answers
 * in JSON. Files are written as UTF-8 bytes and read from disk, as an app reads them (universal
 * newlines included).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { EnvDocument } from '../../../src/core/dotenv';

export const PYTHON = '/usr/bin/python3';

/** The bindings python-dotenv returns, in its dict's order: [key, value], null for a key without value. */
export type PythonBindings = [string, string | null][];

const SCRIPT = String.raw`
import json, sys, os
import dotenv
from dotenv import dotenv_values, load_dotenv
request = json.load(sys.stdin)
out = []
for item in request["files"]:
    try:
        if request.get("load"):
            # load_dotenv of each file in turn into an environment holding "env" only: what an app's os.environ gets.
            os.environ.clear()
            os.environ.update(request.get("env", {}))
            for path in item:
                load_dotenv(path, override=request.get("override", False))
            got = [[k, v] for k, v in os.environ.items()]
        else:
            os.environ.clear()
            os.environ.update(request.get("env", {}))
            got = [[k, v] for k, v in dotenv_values(item, interpolate=request.get("interpolate", False)).items()]
        out.append({"values": got})
    except Exception as e:
        out.append({"error": type(e).__name__})
json.dump({"version": getattr(dotenv, "__version__", None) or __import__("importlib.metadata").metadata.version("python-dotenv"), "results": out}, sys.stdout)
`;

export interface OracleOptions {
  /** `dotenv_values(path, interpolate=…)` (default false: the parser alone). */
  readonly interpolate?: boolean;
  /** `load_dotenv(path, override=…)` into an environment holding `env` only; the result is the whole environment. */
  readonly load?: boolean;
  readonly override?: boolean;
  readonly env?: Record<string, string>;
}

/**
 * What python-dotenv reads from each text (written to a file as UTF-8); with `load`, each item is
 * a list of texts loaded in turn. Throws when python3 or python-dotenv is missing.
 */
export function pythonDotenvRead(texts: readonly (string | readonly string[])[], options: OracleOptions = {}): { version: string; results: ({ values: PythonBindings } | { error: string })[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'envguard-python-dotenv-'));
  try {
    const files = texts.map((item, i) => {
      const paths = (typeof item === 'string' ? [item] : item).map((text, j) => {
        const file = path.join(dir, `${i}-${j}.env`);
        writeFileSync(file, text, 'utf8');
        return file;
      });
      return options.load ? paths : paths[0];
    });
    const run = spawnSync(PYTHON, ['-c', SCRIPT], {
      input: JSON.stringify({ files, ...options }),
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', PYTHONIOENCODING: 'utf-8' },
    });
    if (run.error || run.status !== 0) {
      throw new Error(`python-dotenv could not be run (${run.error?.message ?? run.stderr.split('\n').filter(Boolean).pop() ?? `exit ${run.status}`}): install Debian's python3-dotenv (apt-get install python3-dotenv)`);
    }
    return JSON.parse(run.stdout) as { version: string; results: ({ values: PythonBindings } | { error: string })[] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bindings the model reads, in python's dict order (first appearance), each key's last value. */
export function modelBindings(doc: EnvDocument): PythonBindings {
  const bindings = new Map<string, string | null>();
  for (let i = 0; i < doc.entryCount; i++) {
    const entry = doc.entryAt(i);
    bindings.set(entry.key, entry.unset ? null : entry.value);
  }
  return [...bindings];
}
