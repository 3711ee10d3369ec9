import os from 'node:os';
import * as path from 'node:path';
import { ProjectFinder, ProjectRegistry } from '../core/project';
import { isWithin } from '../core/files/project-files';
import { resolveLocalVaultHome } from '../core/vault/local/home';
import { allowedHostsByKind as allowedHostsByKindOf } from '../core/vault/connectors';
import { parseVaultSpec } from '../core/vault/spec';
import type { CliIO } from './io';
import { cliVaultSettings } from './vault-settings';

/** EnvGuard's user data folder (the local vault's, and the project registry's): ENVGUARD_HOME, else the platform's. */
export function cliHome(io: CliIO): string {
  return path.resolve(io.cwd, resolveLocalVaultHome(io.env, process.platform, os.homedir()));
}

export function openCliRegistry(io: CliIO): Promise<ProjectRegistry> {
  return ProjectRegistry.open(cliHome(io));
}

/**
 * Projects of files and folders. Outside any repository and project, the working directory is the
 * project of what lies below it; a file named elsewhere is a project of its own folder.
 */
export function cliProjectFinder(io: CliIO): ProjectFinder {
  return new ProjectFinder((folder) => (isWithin(path.resolve(io.cwd), folder) ? io.cwd : folder));
}

/**
 * Vaults the user confirmed: in the registry (`envguard vault confirm`, or a `--vault` they typed), or
 * listed in ENVGUARD_CONFIRMED_VAULTS (comma-separated; for CI, where no registry persists). A
 * repository can write neither.
 */
export function isVaultConfirmed(io: CliIO, registry: ProjectRegistry, vaultKey: string): boolean {
  if (registry.isVaultConfirmed(vaultKey)) return true;
  const listed = (io.env.ENVGUARD_CONFIRMED_VAULTS ?? '').split(',').map((v) => v.trim()).filter((v) => v.length > 0);
  return listed.some((v) => {
    try {
      const spec = parseVaultSpec(v, allowedHostsByKind(io));
      return spec.remote && spec.key === vaultKey.toLowerCase();
    } catch {
      return false;
    }
  });
}

/** The hosts the user allowed, by vault kind (ENVGUARD_<KIND>_ALLOWED_HOSTS): what parseVaultSpec checks a named vault against. */
export function allowedHostsByKind(io: CliIO): Record<string, readonly string[]> {
  return allowedHostsByKindOf((connector) => cliVaultSettings(connector, io.env, 'allowedHosts'));
}
