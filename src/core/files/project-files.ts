import { lstatSync, mkdirSync, readlinkSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { removeStaleTempFiles, replaceFileAtomic } from './atomic-write';
import { errorCode } from './fs-errors';

/**
 * The project boundary. A project's files may be symbolic links, and links that stay inside the
 * project keep working; but nothing EnvGuard writes may leave the project through a link (a `.env`
 * linked to `~/.aws/credentials`, a `.vscode` linked to another folder), and discovery does not list
 * such links. Every writer of a project file goes through writeProjectFile.
 */

/** A path that leads out of its project through a symbolic link. The message shows where it really leads. */
export class OutsideProjectError extends Error {
  /** What is wrong, without the file's name: `leads outside the project (…) through a symbolic link, to …`. */
  readonly reason: string;

  constructor(readonly path: string, readonly realPath: string, readonly project: string, label: string = path) {
    const reason = `leads outside the project (${project}) through a symbolic link, to ${realPath}`;
    super(`${label} ${reason}; EnvGuard does not follow links out of the project (name ${realPath} itself to work on that file)`);
    this.name = 'OutsideProjectError';
    this.reason = reason;
  }

  /** Branded, not identity-checked: the CLI's commands are bundles of their own. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === 'OutsideProjectError' && typeof (value as { realPath?: unknown }).realPath === 'string';
  }
}

/**
 * Where `file` really is, every symbolic link followed, also when it does not exist yet: the
 * nearest existing folder is resolved, and a dangling link's target is followed.
 */
export function realPathOf(file: string): string {
  return resolveReal(path.resolve(file), 0);
}

function resolveReal(absolute: string, depth: number): string {
  try {
    return realpathSync.native(absolute);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  if (depth > 40) throw Object.assign(new Error(`too many levels of symbolic links at ${absolute}`), { code: 'ELOOP' });
  const link = lstatSync(absolute, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) return resolveReal(path.resolve(path.dirname(absolute), readlinkSync(absolute)), depth + 1);
  const parent = path.dirname(absolute);
  if (parent === absolute) return absolute;
  return path.join(resolveReal(parent, depth), path.basename(absolute));
}

/** True when `candidate` is `root` or below it (both absolute, already resolved). */
export function isWithin(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * The real path of `file`, checked to lie inside the project (the project's own real path counts,
 * so a project reached through a link is fine). Throws OutsideProjectError naming the real path.
 */
export function realPathInside(project: string, file: string, label: string = file): string {
  const root = realPathOf(project);
  const real = realPathOf(file);
  if (!isWithin(root, real)) throw new OutsideProjectError(path.resolve(file), real, project, label);
  return real;
}

/** True when `file` really lies outside `project` (through a symbolic link); false when it cannot be resolved. */
export function leadsOutside(project: string, file: string): boolean {
  try {
    return !isWithin(realPathOf(project), realPathOf(file));
  } catch {
    return false;
  }
}

/**
 * The project of a file named on the command line: the working directory when the name lies under
 * it, otherwise the file's own folder (a user who names a file elsewhere means that file, but a
 * link in it still may not lead out of its folder).
 */
export function projectOfNamedFile(cwd: string, file: string): string {
  const absolute = path.resolve(cwd, file);
  return isWithin(path.resolve(cwd), absolute) ? path.resolve(cwd) : path.dirname(absolute);
}

export interface ProjectWriteOptions {
  /** How the file is named in an error message (default: its path). */
  readonly label?: string;
  /** Create missing parent folders (inside the project) first. */
  readonly createParents?: boolean;
  /** See AtomicWriteOptions.expect: the file must still hold what the caller read. */
  readonly expect?: (current: Buffer | undefined) => boolean;
}

/**
 * Writes a project file atomically (temp file in the same folder, then rename; permissions kept),
 * after checking that its real target is inside the project: a link that stays inside is written
 * through, one that leads out is refused with OutsideProjectError. The write goes to the resolved
 * path, so a link swapped in after the check is replaced rather than followed.
 */
export async function writeProjectFile(project: string, file: string, content: string | Uint8Array, options: ProjectWriteOptions = {}): Promise<void> {
  const target = realPathInside(project, file, options.label);
  if (options.createParents) mkdirSync(path.dirname(target), { recursive: true });
  await removeStaleTempFiles(target);
  await replaceFileAtomic(target, content, options.expect ? { expect: options.expect } : {});
}
