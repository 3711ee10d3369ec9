import { loadLibrary } from '../lazy-library';

/** js-yaml (44 KB) is parsed only when a folder has a compose file: dist/js-yaml.js. */
const yaml = (): typeof import('js-yaml') => loadLibrary<typeof import('js-yaml')>('js-yaml.js', 'js-yaml');

/** Services looked at in one compose file: a compose file is small; a hostile one gets no further. */
const MAX_SERVICES = 1000;

/**
 * The env files a compose file's services read (`env_file:` as a path, a list of paths, or a list of
 * `{ path, required, format }`), as written (relative to the compose file's folder). Entries with a
 * `format` other than compose's own env format are left out (compose does not parse them as env
 * files); a file that is not valid YAML names none.
 */
export function composeEnvFiles(text: string): string[] {
  // Loaded outside the try: a missing library must fail loudly, not read as a compose file that names nothing.
  const { load } = yaml();
  let document: unknown;
  try {
    document = load(text, { json: true });
  } catch {
    return [];
  }
  const services = isRecord(document) ? document.services : undefined;
  if (!isRecord(services)) return [];
  const files: string[] = [];
  for (const service of Object.values(services).slice(0, MAX_SERVICES)) {
    if (!isRecord(service)) continue;
    const envFile = service.env_file;
    for (const entry of Array.isArray(envFile) ? envFile.slice(0, MAX_SERVICES) : [envFile]) {
      if (typeof entry === 'string' && entry !== '') files.push(entry);
      else if (isRecord(entry) && typeof entry.path === 'string' && entry.path !== '' && (entry.format === undefined || entry.format === '.env')) files.push(entry.path);
    }
  }
  return files;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
