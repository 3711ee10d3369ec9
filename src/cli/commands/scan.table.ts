import type { CommandTable } from '../command-table';

export const scanTable = {
  name: 'scan',
  summary: 'find plaintext secrets in env files (text, json or sarif)',
  synopsis: ['[PATH...] [--format text|json|sarif] [--include GLOB]... [--exclude GLOB]... [--baseline FILE] [--write-baseline FILE]'],
  description: 'Finds the env files (.env, .env.*, *.env, gitignored ones included) under each PATH and reports every plaintext secret in them, each file read as the program that loads it reads it. A finding names the file, line, column, key and rule, never the value. A file that cannot be read is an error: a scan never passes what it could not read.',
  arguments: [{ name: 'PATH', help: 'env files, or folders to search (default: the working directory)', complete: 'file' }],
  options: {
    format: { type: 'string', short: 'f', default: 'text', value: 'FORMAT', choices: ['text', 'json', 'sarif'], help: 'text for people, json for programs (docs/cli-json.md), sarif (2.1.0) for code-scanning tools' },
    include: { type: 'string', multiple: true, value: 'GLOB', help: 'scan only the files that match (minimatch, relative to the scanned folder)' },
    exclude: { type: 'string', multiple: true, value: 'GLOB', help: 'skip the files and folders that match' },
    baseline: { type: 'string', value: 'FILE', complete: 'file', help: 'report only the findings FILE does not hold (adopt the CI gate first, fix later)' },
    'write-baseline': { type: 'string', value: 'FILE', complete: 'file', help: 'write the current findings to FILE (keys, files and rules; never values) and exit 0' },
  },
  examples: [
    { command: 'envguard scan', says: 'every env file under the working directory' },
    { command: 'envguard scan --format sarif > envguard.sarif', says: 'SARIF for GitHub code scanning' },
    { command: 'envguard scan --write-baseline .envguard-baseline.json && envguard scan --baseline .envguard-baseline.json', says: 'accept what is there today, fail only on new findings' },
  ],
  exitCodes: [
    { code: 0, meaning: 'no plaintext secret (or other finding) in the files' },
    { code: 1, meaning: 'findings: plaintext secrets, malformed references, values not fully checked, loaders that disagree' },
    { code: 2, meaning: 'a usage error, a broken .envguard.json or baseline, or an env file that could not be read' },
  ],
} as const satisfies CommandTable;
