/** Shared by the local vault tests: fresh vault folders, a fake keychain, and reading what is on disk. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openLocalVault, VaultError, type KeychainEntry, type LocalVault, type OpenLocalVaultOptions, type VaultErrorCode } from '../../../src/core/vault';

const tempDirs: string[] = [];

/**
 * A vault folder that does not exist yet, inside a fresh temp folder: openLocalVault creates it,
 * so its mode is the vault's own doing. Removed by removeTempDirs.
 */
export function freshHome(): string {
  // Real path: the vault reports its folder resolved (macOS's /var is /private/var).
  const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-vault-')));
  tempDirs.push(parent);
  return path.join(parent, 'vault');
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Tests always keep the key in a file: the developer's real keychain is never touched. */
export function openTestVault(home: string, options: OpenLocalVaultOptions = {}): Promise<LocalVault> {
  return openLocalVault({ home, keyStore: 'automation', env: {}, ...options });
}

export function storeFile(home: string): string {
  return path.join(home, 'vault.json');
}

export function keyFile(home: string): string {
  return path.join(home, 'vault.key');
}

/** The generation counter kept beside the store (rollback detection). */
export function counterFile(home: string): string {
  return path.join(home, 'vault.generation');
}

/** The store as JSON, for tests that tamper with it. */
export interface StoreJson {
  keyId: string;
  formatVersion?: number;
  secrets: Record<string, { owner?: string; versions: Array<Record<string, unknown>> }>;
}

export function readStoreJson(home: string): StoreJson {
  return JSON.parse(fs.readFileSync(storeFile(home), 'utf8')) as StoreJson;
}

export function writeStoreJson(home: string, store: StoreJson): void {
  fs.writeFileSync(storeFile(home), JSON.stringify(store));
}

/** Every file under `dir` (temp leftovers and lock folders included), recursively. */
export function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Rejects with a VaultError of `code` whose message matches every pattern. */
export async function assertVaultError(promise: Promise<unknown>, code: VaultErrorCode, ...patterns: RegExp[]): Promise<VaultError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof VaultError, `expected a VaultError '${code}', got ${caught === undefined ? 'success' : caught instanceof Error ? caught.message : typeof caught}`);
  assert.equal(caught.code, code, caught.message);
  for (const pattern of patterns) assert.match(caught.message, pattern);
  return caught;
}

/** An in-memory keychain: entries by service and account, with a switch to make it unreachable. */
export class FakeKeychain {
  readonly entries = new Map<string, string>();
  unreachable: string | undefined;
  /** Accepts writes and forgets them, like a keychain that silently fails. */
  forgetful = false;

  open = (service: string, account: string): KeychainEntry => {
    if (this.unreachable !== undefined) throw new Error(this.unreachable);
    const id = `${service}\0${account}`;
    return {
      getPassword: () => (this.unreachable !== undefined ? Promise.reject(new Error(this.unreachable)) : Promise.resolve(this.entries.get(id) ?? null)),
      setPassword: (password: string) => {
        if (!this.forgetful) this.entries.set(id, password);
        return Promise.resolve();
      },
      deletePassword: () => Promise.resolve(this.entries.delete(id)),
    };
  };
}
