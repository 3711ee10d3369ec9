import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../files/atomic-write';
import { describeFsError, errorCode } from '../files/fs-errors';
import { assertPrivate, PRIVATE_FILE_MODE } from '../vault/local/home';
import { withStoreLock } from '../vault/local/lock';
import { VaultError } from '../vault/types';

/** The registry's file, in EnvGuard's user data folder (beside the local vault), never in a project. */
export const REGISTRY_FILE_NAME = 'projects.json';
const FORMAT = 'envguard-projects';
const FORMAT_VERSION = 1;

/**
 * A project as this machine's user knows it. Its id is what the local vault records as a secret's
 * owner; its places are the folders the user confirmed as this project (by migrating there, or by
 * `envguard project link`). A repository can write a name into its `.envguard.json`, never a place here.
 */
export interface RegisteredProject {
  readonly id: string;
  readonly name: string;
  readonly places: readonly string[];
  readonly createdOn: string;
}

/** A remote vault the user confirmed once: EnvGuard may send credentials and values to it. */
export interface ConfirmedVault {
  /** Normalised: `https://myvault.vault.azure.net`. */
  readonly vault: string;
  readonly confirmedOn: string;
}

interface RegistryData {
  projects: RegisteredProject[];
  confirmedVaults: ConfirmedVault[];
}

/** Why a project cannot be registered under a name: another project of this machine has it. */
export class ProjectNameTakenError extends Error {
  constructor(readonly projectName: string, readonly holder: RegisteredProject) {
    super(`the project name ${projectName} is already used on this machine by ${holder.places.join(', ') || 'a project with no place left'}`);
    this.name = 'ProjectNameTakenError';
  }
}

/**
 * The user's registry of projects and confirmed vaults: a small JSON file, read whole, changed under
 * a lock and replaced atomically (the same discipline as the local vault's store).
 */
export class ProjectRegistry {
  private constructor(readonly file: string, private data: RegistryData) {}

  /** Reads the registry of the EnvGuard folder `home` (an absent file is an empty registry). */
  static async open(home: string): Promise<ProjectRegistry> {
    const file = path.join(home, REGISTRY_FILE_NAME);
    // Who owns what is decided here: a folder or file others can write would let them decide it.
    await assertPrivate(home, 'folder');
    await assertPrivate(file, 'file');
    return new ProjectRegistry(file, await readRegistry(file));
  }

  get projects(): readonly RegisteredProject[] {
    return this.data.projects;
  }

  get confirmedVaults(): readonly ConfirmedVault[] {
    return this.data.confirmedVaults;
  }

  /** The project whose places include `root` (a real path). */
  projectAt(root: string): RegisteredProject | undefined {
    return this.data.projects.find((p) => p.places.includes(root));
  }

  projectNamed(name: string): RegisteredProject | undefined {
    return this.data.projects.find((p) => p.name === name);
  }

  byId(id: string): RegisteredProject | undefined {
    return this.data.projects.find((p) => p.id === id);
  }

  isVaultConfirmed(vault: string): boolean {
    const wanted = vault.toLowerCase();
    return this.data.confirmedVaults.some((v) => v.vault.toLowerCase() === wanted);
  }

  /**
   * The project at `root`, registering it under `name` if it is not yet (the caller has the user's
   * act: a migration, a link). Throws ProjectNameTakenError when another project has the name.
   */
  async register(root: string, name: string): Promise<RegisteredProject> {
    const known = this.projectAt(root);
    if (known?.name === name) return known; // nothing to write (a full disk must not stop a registered project)
    return this.change((data) => {
      const existing = data.projects.find((p) => p.places.includes(root));
      if (existing) {
        if (existing.name === name) return existing;
        const holder = data.projects.find((p) => p.name === name && p.id !== existing.id);
        if (holder) throw new ProjectNameTakenError(name, holder);
        const renamed = { ...existing, name };
        data.projects = data.projects.map((p) => (p.id === existing.id ? renamed : p));
        return renamed;
      }
      const holder = data.projects.find((p) => p.name === name);
      if (holder) throw new ProjectNameTakenError(name, holder);
      const project: RegisteredProject = { id: `p-${randomBytes(8).toString('hex')}`, name, places: [root], createdOn: new Date().toISOString() };
      data.projects.push(project);
      return project;
    });
  }

  /**
   * Confirms `root` as a place of the project `id` (moved, renamed, or a second copy). Places that no
   * longer exist are dropped when `dropMissing` says which exist; `root` leaves any other project.
   */
  async addPlace(id: string, root: string, stillExists: (place: string) => boolean): Promise<RegisteredProject> {
    return this.change((data) => {
      const project = data.projects.find((p) => p.id === id);
      if (!project) throw new VaultError('not-found', `no project with id ${id} is registered on this machine`);
      const updated = { ...project, places: [...project.places.filter((p) => p !== root && stillExists(p)), root] };
      data.projects = data.projects.map((p) => (p.id === id ? updated : { ...p, places: p.places.filter((place) => place !== root) }));
      return updated;
    });
  }

  /**
   * The projects of an imported vault export (ids and names from another machine, or from this one
   * earlier), as this machine's: the same id is the same project; else the same name is (names are
   * one per machine, and a repository's `.envguard.json` carries it); else the project is added with
   * no place, and `envguard project link` in its folder gives it one. Returns the file's id → this machine's id.
   */
  async importProjects(projects: readonly { id: string; name: string }[]): Promise<{ ids: Map<string, string>; outcomes: { name: string; outcome: 'known' | 'added' }[] }> {
    const ids = new Map<string, string>();
    const outcomes: { name: string; outcome: 'known' | 'added' }[] = [];
    const match = (data: RegistryData, p: { id: string; name: string }) => data.projects.find((q) => q.id === p.id) ?? data.projects.find((q) => q.name === p.name);
    const resolve = (data: RegistryData): boolean => {
      ids.clear();
      outcomes.length = 0;
      let added = false;
      for (const p of projects) {
        const known = match(data, p);
        if (known) {
          ids.set(p.id, known.id);
          outcomes.push({ name: known.name, outcome: 'known' });
        } else {
          data.projects.push({ id: p.id, name: p.name, places: [], createdOn: new Date().toISOString() });
          ids.set(p.id, p.id);
          outcomes.push({ name: p.name, outcome: 'added' });
          added = true;
        }
      }
      return added;
    };
    // Nothing to write when every project is known (a full disk must not stop such an import).
    if (!resolve({ projects: [...this.data.projects], confirmedVaults: this.data.confirmedVaults })) return { ids, outcomes };
    await this.change((data) => { resolve(data); });
    return { ids, outcomes };
  }

  async confirmVault(vault: string): Promise<void> {
    if (this.isVaultConfirmed(vault)) return;
    await this.change((data) => {
      if (!data.confirmedVaults.some((v) => v.vault.toLowerCase() === vault.toLowerCase())) data.confirmedVaults.push({ vault, confirmedOn: new Date().toISOString() });
    });
  }

  async unconfirmVault(vault: string): Promise<boolean> {
    let removed = false;
    await this.change((data) => {
      const before = data.confirmedVaults.length;
      data.confirmedVaults = data.confirmedVaults.filter((v) => v.vault.toLowerCase() !== vault.toLowerCase());
      removed = data.confirmedVaults.length !== before;
    });
    return removed;
  }

  /** A read-modify-write under the registry's lock: the file is read again first, so no other process's change is lost. */
  private async change<T>(mutate: (data: RegistryData) => T): Promise<T> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 }).catch(() => undefined);
    return withStoreLock(this.file, async (lock) => {
      const data = await readRegistry(this.file);
      const result = mutate(data);
      await lock.held();
      try {
        await writeFileAtomic(this.file, `${JSON.stringify({ format: FORMAT, formatVersion: FORMAT_VERSION, ...data }, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
      } catch (error) {
        throw new VaultError('unknown', `cannot write EnvGuard's project registry ${this.file}: ${describeFsError(error)}`);
      }
      this.data = data;
      return result;
    });
  }
}

async function readRegistry(file: string): Promise<RegistryData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { projects: [], confirmedVaults: [] };
    throw new VaultError('unknown', `cannot read EnvGuard's project registry ${file}: ${describeFsError(error)}`);
  }
  const damaged = (why: string): VaultError => new VaultError('corrupt', `EnvGuard's project registry ${file} is damaged (${why}); restore it from a backup, or move it away (then confirm each project again with envguard project link)`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw damaged('it is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== FORMAT) throw damaged(`no "format": "${FORMAT}"`);
  const { formatVersion, projects, confirmedVaults } = data as { formatVersion?: unknown; projects?: unknown; confirmedVaults?: unknown };
  if (typeof formatVersion === 'number' && formatVersion > FORMAT_VERSION) throw damaged(`it was written by a newer EnvGuard (format version ${formatVersion}); update EnvGuard`);
  if (!Array.isArray(projects) || !projects.every(isProject)) throw damaged('its "projects" are malformed');
  if (!Array.isArray(confirmedVaults) || !confirmedVaults.every((v: unknown) => typeof v === 'object' && v !== null && typeof (v as ConfirmedVault).vault === 'string')) throw damaged('its "confirmedVaults" are malformed');
  return { projects: projects.map((p) => ({ ...p, places: [...p.places] })), confirmedVaults: confirmedVaults as ConfirmedVault[] };
}

function isProject(value: unknown): value is RegisteredProject {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<RegisteredProject>;
  return typeof p.id === 'string' && typeof p.name === 'string' && typeof p.createdOn === 'string' && Array.isArray(p.places) && p.places.every((x) => typeof x === 'string');
}
