import type { ProjectRegistry } from '../core/project';
import { cliVariableOf, type VaultConnector, type VaultHost, type VaultSettings, type VaultSettingValue } from '../core/vault/connector';
import { CliError, type CliIO } from './io';
import { isVaultConfirmed } from './projects';

/**
 * A remote vault's settings as the command line reads them: each from its environment variable
 * (ENVGUARD_AWS_LAYOUT…), the vendor's own variables being read by the provider itself. A value of
 * the wrong shape is a usage error naming the variable, never silently the default. `only`: that one
 * setting (the allowed hosts every command checks a named vault against).
 */
export function cliVaultSettings(connector: VaultConnector, env: NodeJS.ProcessEnv, only?: string): VaultSettings {
  const settings: Record<string, VaultSettingValue> = {};
  for (const spec of connector.settings) {
    if (only !== undefined && spec.name !== only) continue;
    const variable = cliVariableOf(connector.section, spec);
    const text = variable === undefined ? undefined : env[variable];
    if (text === undefined || text.trim() === '') continue;
    const value = text.trim();
    switch (spec.type) {
      case 'string-list':
        settings[spec.name] = value.split(',').map((h) => h.trim()).filter((h) => h.length > 0);
        break;
      case 'number': {
        const number = Number(value);
        if (!Number.isFinite(number) || number < 0) throw new CliError(`${variable} must be a number of 0 or more (got '${value}')`);
        settings[spec.name] = number;
        break;
      }
      case 'boolean':
        if (!['true', 'false', '1', '0'].includes(value)) throw new CliError(`${variable} must be true or false (got '${value}')`);
        settings[spec.name] = value === 'true' || value === '1';
        break;
      case 'string':
        if (spec.values && !spec.values.includes(value)) throw new CliError(`${variable} must be ${spec.values.join(' or ')} (got '${value}')`);
        settings[spec.name] = value;
    }
  }
  return settings;
}

/**
 * What a connector gets from the command line: the process's environment, its settings, and a
 * confirmation that only reads (a vault confirmed with `envguard vault confirm`, a `--vault` typed,
 * or ENVGUARD_CONFIRMED_VAULTS): nothing a repository could answer.
 */
export function cliVaultHost(connector: VaultConnector, io: CliIO, registry?: () => Promise<ProjectRegistry>): VaultHost {
  return {
    env: io.env,
    // Read when the vault opens or its first reference resolves: a malformed ENVGUARD_AWS_* stops what uses AWS, not every command.
    get settings() {
      return cliVaultSettings(connector, io.env);
    },
    confirmVault: async (key) => registry !== undefined && isVaultConfirmed(io, await registry(), key),
  };
}
