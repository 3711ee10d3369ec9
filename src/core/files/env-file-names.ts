/** Which files are env files: `.env`, `.env.*` and `*.env`, as `envguard scan` and the extension agree. */
export function isEnvFileName(name: string): boolean {
  return name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4);
}

/** Templates meant to be committed and read: scanned, but kept visible to AI tools. */
const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist', '.defaults', '.schema'];

export function isEnvTemplateName(name: string): boolean {
  const lower = name.toLowerCase();
  return TEMPLATE_SUFFIXES.some((suffix) => lower.endsWith(suffix) || lower.includes(`${suffix}.`));
}

/** Dependency, VCS and cache folders: never walked (the env files there are not the project's). */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules', '.git', '.hg', '.svn', 'bower_components', 'jspm_packages', '.yarn', '.pnpm-store',
  '.venv', 'venv', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache',
  'vendor', '.bundle', '.gradle', '.m2', 'Pods', '.dart_tool', '.terraform', '.cache', '.vscode-test',
]);
