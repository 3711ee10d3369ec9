import * as vscode from 'vscode';
import { ENV_FILE_GLOB, envFileFilter, type EnvFileFilter } from '../core/files/env-file-filter';
import { isEnvFileName, SKIPPED_DIRECTORIES } from '../core/files/env-file-names';
import { leadsOutside } from '../core/files/project-files';
import type { Log } from './log';
import type { Settings } from './settings';

/** Dependency and cache folders, as a findFiles exclude glob (the filter checks them again). */
const SKIPPED_GLOB = `**/{${[...SKIPPED_DIRECTORIES].join(',')}}/**`;

/**
 * The workspace's env files, by the same rules as `envguard scan` (core EnvFileFilter: names,
 * skipped folders, include/exclude, virtualenvs), kept current by a file system watcher.
 */
export class EnvFileIndex implements vscode.Disposable {
  private readonly files = new Map<string, vscode.Uri>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly removed = new vscode.EventEmitter<vscode.Uri>();
  private readonly virtualenvs = new Map<string, Promise<boolean>>();
  /** Per folder, the compiled filter and the settings generation it was compiled under. */
  private readonly filters = new Map<string, { generation: number; filter: Promise<EnvFileFilter> }>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires for a new or changed env file on disk. */
  readonly onDidChange = this.changed.event;
  /** Fires when an env file is gone (deleted, or excluded by a settings change). */
  readonly onDidRemove = this.removed.event;

  private createdDirs: vscode.Uri[] = [];
  /** Watchers of folders created after start that hold env files (see scanCreated). */
  private readonly folderWatchers = new Map<string, vscode.Disposable>();
  private createdTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly settings: Settings, private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher(ENV_FILE_GLOB);
    // A folder that arrives or leaves with its files (git checkout, unzip, rm -r) may report only itself.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      watcher,
      folders,
      folders.onDidCreate((uri) => this.folderMaybeCreated(uri)),
      folders.onDidDelete((uri) => this.forgetBelow(uri)),
      watcher.onDidCreate((uri) => void this.consider(uri)),
      watcher.onDidChange((uri) => void this.consider(uri)),
      watcher.onDidDelete((uri) => this.forget(uri)),
      this.changed,
      this.removed,
    );
  }

  get uris(): vscode.Uri[] {
    return [...this.files.values()];
  }

  has(uri: vscode.Uri): boolean {
    return this.files.has(uri.toString());
  }

  /** Lists every folder's env files again (at start, and after a settings change). */
  async refresh(): Promise<void> {
    const started = Date.now();
    const found = new Map<string, vscode.Uri>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const candidates = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, ENV_FILE_GLOB), SKIPPED_GLOB);
      for (const uri of candidates) if (await this.accepts(uri)) found.set(uri.toString(), uri);
    }
    for (const [key, uri] of this.files) if (!found.has(key)) this.removed.fire(uri);
    this.files.clear();
    for (const [key, uri] of found) this.files.set(key, uri);
    this.log.info(`Found ${found.size} env file(s) in ${Date.now() - started} ms`);
    for (const uri of found.values()) this.changed.fire(uri);
  }

  /** Whether an open document is one of the env files: indexed already, or accepted by accepts(). */
  async isEnvDocument(doc: vscode.TextDocument): Promise<boolean> {
    return this.has(doc.uri) || this.accepts(doc.uri, doc.languageId);
  }

  /**
   * Whether a file is one of the project's env files. Inside a workspace folder the scan's rules
   * decide (a symbolic link that leads out of the folder is not one); outside every folder, its name
   * or the dotenv language the user gave it.
   */
  async accepts(uri: vscode.Uri, languageId?: string): Promise<boolean> {
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    // Every document VS Code opens comes through here: decide by the name first, cheaply.
    if (!isEnvFileName(name)) return languageId === 'dotenv' && !vscode.workspace.getWorkspaceFolder(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return true;
    const relative = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    if (!(await this.filterFor(folder)).acceptsPath(relative)) return false;
    if (uri.scheme === 'file' && folder.uri.scheme === 'file' && leadsOutside(folder.uri.fsPath, uri.fsPath)) return false;
    return !(await this.insideVirtualenv(folder.uri, relative));
  }

  /** The folder's filter, compiled once per settings generation (its globs are minimatch patterns). */
  private filterFor(folder: vscode.WorkspaceFolder): Promise<EnvFileFilter> {
    const key = folder.uri.toString();
    const generation = this.settings.generation;
    let cached = this.filters.get(key);
    if (cached?.generation !== generation) {
      cached = { generation, filter: this.settings.forFolder(folder).then(({ discovery }) => envFileFilter(discovery)) };
      this.filters.set(key, cached);
    }
    return cached.filter;
  }

  private async consider(uri: vscode.Uri): Promise<void> {
    if (await this.accepts(uri)) {
      this.files.set(uri.toString(), uri);
      this.changed.fire(uri);
    } else {
      this.forget(uri);
    }
  }

  private folderMaybeCreated(uri: vscode.Uri): void {
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    if (isEnvFileName(name) || uri.path.split('/').some((part) => SKIPPED_DIRECTORIES.has(part))) return;
    this.createdDirs.push(uri);
    this.createdTimer ??= setTimeout(() => void this.scanCreated(), 300);
  }

  /** Lists the env files inside folders created since the last look (batched: builds create many files). */
  private async scanCreated(): Promise<void> {
    const created = this.createdDirs;
    this.createdDirs = [];
    this.createdTimer = undefined;
    for (const uri of created) {
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      if (!stat || stat.type !== vscode.FileType.Directory) continue;
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, ENV_FILE_GLOB));
      for (const file of found) {
        if (!this.files.has(file.toString())) await this.consider(file);
      }
      // `mkdir -p a/b` then a file in b: the recursive watcher may add b's watch after b's first
      // events, and then miss later ones too. A watcher of its own for such a folder sees them all.
      if (found.length > 0 && !this.folderWatchers.has(uri.toString()) && this.folderWatchers.size < 100) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(uri, ENV_FILE_GLOB));
        watcher.onDidCreate((file) => void this.consider(file));
        watcher.onDidChange((file) => void this.consider(file));
        watcher.onDidDelete((file) => this.forget(file));
        this.folderWatchers.set(uri.toString(), watcher);
      }
    }
  }

  private forgetBelow(folder: vscode.Uri): void {
    const prefix = `${folder.toString()}/`;
    for (const [key, watcher] of this.folderWatchers) {
      if (key === folder.toString() || key.startsWith(prefix)) { watcher.dispose(); this.folderWatchers.delete(key); }
    }
    for (const [key, uri] of this.files) if (key.startsWith(prefix)) this.forget(uri);
  }

  private forget(uri: vscode.Uri): void {
    if (this.files.delete(uri.toString())) this.removed.fire(uri);
  }

  /** A virtualenv (often named `.env` itself) holds installed packages: its folders hold `pyvenv.cfg`. */
  private async insideVirtualenv(root: vscode.Uri, relative: string): Promise<boolean> {
    const parts = relative.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = vscode.Uri.joinPath(root, ...parts.slice(0, i));
      const key = dir.toString();
      let pending = this.virtualenvs.get(key);
      if (!pending) {
        pending = Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, 'pyvenv.cfg'))).then(() => true, () => false);
        this.virtualenvs.set(key, pending);
      }
      if (await pending) return true;
    }
    return false;
  }

  dispose(): void {
    if (this.createdTimer) clearTimeout(this.createdTimer);
    for (const watcher of this.folderWatchers.values()) watcher.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
