import type { VaultKind, VaultSpec } from '../kind';

/** EnvGuard's own local vault: `envguard://local/NAME[@VERSION]` (and the older `envguard://local/NAME/VERSION`). */
export interface LocalVaultReference {
  readonly kind: 'local';
  readonly name: string;
  readonly version?: string;
}

/**
 * `envguard://local/NAME[@VERSION]`, NAME a path of key-like segments (`shop/production/DB_PASSWORD`);
 * before names had segments a version was written `NAME/VERSION`, which still reads as it did.
 */
const LOCAL = /^envguard:\/\/local\/([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*)(?:@([0-9a-f]{32}))?$/;
const LEGACY_LOCAL_VERSION = /^([A-Za-z0-9_.-]{1,256})\/([0-9a-f]{32})$/;
/** Local names are at most 512 characters: a longer text is no local reference (and the pattern stays cheap). */
const MAX_LOCAL_REFERENCE = 600;

function parseLocal(text: string): LocalVaultReference | undefined {
  const local = text.length <= MAX_LOCAL_REFERENCE ? LOCAL.exec(text) : null;
  if (!local) return undefined;
  const legacy = local[2] === undefined ? LEGACY_LOCAL_VERSION.exec(local[1]!) : null;
  if (legacy) return { kind: 'local', name: legacy[1]!, version: legacy[2]! };
  return { kind: 'local', name: local[1]!, ...(local[2] ? { version: local[2] } : {}) };
}

/** A name of one segment keeps the form it always had, `NAME/VERSION`, so references written before projects read the same. */
export function formatLocalReference(name: string, version?: string): string {
  if (!version) return `envguard://local/${name}`;
  return name.includes('/') ? `envguard://local/${name}@${version}` : `envguard://local/${name}/${version}`;
}

export const localKind: VaultKind<LocalVaultReference> = {
  kind: 'local',
  title: 'local',
  syntaxes: [{
    prefixes: ['envguard://'],
    name: 'EnvGuard',
    expected: 'envguard://local/PROJECT/ENVIRONMENT/KEY[@VERSION] (or, stored before projects, envguard://local/NAME[/VERSION])',
    parse: parseLocal,
  }],
  describe: (ref) => `the local vault, secret ${ref.name}${ref.version ? ` (version ${ref.version})` : ''}`,
  spec: { help: 'local', parse: (text) => (text.trim() === 'local' ? LOCAL_SPEC : undefined) },
};

export const LOCAL_SPEC: VaultSpec = { kind: 'local', location: '', description: 'the local vault', key: 'local', remote: false };
