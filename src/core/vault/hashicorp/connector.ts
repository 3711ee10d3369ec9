import { settingOf, type VaultConnector, type VaultHost } from '../connector';
import { hashiCorpVaultKey } from './kind';
import { lazyHashiCorpSecretSource, loadHashiCorp } from './load';

/**
 * HashiCorp Vault and OpenBao: the address, namespace and CA from the user's own settings, else the
 * environment's VAULT_* variables; the token from VAULT_TOKEN, ~/.vault-token or AppRole.
 */
export const hashiCorpConnector: VaultConnector = {
  kind: 'hashicorp-vault',
  section: 'hashicorp',
  settings: [
    // Where the token goes and whom it trusts: the user's own (the CLI reads VAULT_ADDR, VAULT_NAMESPACE, VAULT_CACERT).
    { name: 'address', type: 'string', default: '', userOnly: true, cli: false },
    { name: 'namespace', type: 'string', default: '', userOnly: true, cli: false },
    { name: 'caCert', type: 'string', default: '', userOnly: true, cli: false },
    // The KV mount moved secrets go to: a project's choice (`--vault hashicorp:MOUNT` in the CLI).
    { name: 'mount', type: 'string', default: 'secret', cli: false },
    { name: 'cacheSeconds', type: 'number', default: 60 },
  ],
  defaultSpec: (mount) => `hashicorp:${mount === '' ? 'secret' : mount}`,
  choice: {
    icon: 'server',
    label: 'HashiCorp Vault or OpenBao',
    pitch: 'KV v2 or v1, policies, audit devices',
    detail: ({ env, settings }) => `At ${userAddress(settings) ?? env.VAULT_ADDR ?? 'VAULT_ADDR (not set)'}; the token from VAULT_TOKEN, ~/.vault-token or AppRole.`,
    locationSetting: 'mount',
    prompt: 'The KV mount moved secrets go to (each project and environment gets a path under envguard/ there)',
  },
  async open(spec, host, write = {}) {
    const m = await loadHashiCorp();
    const vault = await new m.HashiCorpVault({ ...connection(host), mount: spec.location, pinVersions: write.pinVersions === true }).open();
    host.log?.(`Using ${vault.displayName} (mount ${vault.mount})`);
    return vault;
  },
  source: (host, why) => lazyHashiCorpSecretSource(() => ({
    ...connection(host),
    cacheTtlMs: settingOf<number>(hashiCorpConnector, host.settings, 'cacheSeconds') * 1000,
    // An address from the user's own setting is theirs; one from the environment (a workspace can set a terminal's VAULT_ADDR) is confirmed once.
    ...(userAddress(host.settings) ? {} : { confirmVault: (address: string) => host.confirmVault(hashiCorpVaultKey(address), `VAULT_ADDR names it and ${why}`) }),
  })),
};

function userAddress(settings: VaultHost['settings']): string | undefined {
  return settingOf<string>(hashiCorpConnector, settings, 'address').trim() || undefined;
}

function connection(host: VaultHost): { env: NodeJS.ProcessEnv; address?: string; namespace?: string; caCert?: string } {
  const value = (name: string): string | undefined => settingOf<string>(hashiCorpConnector, host.settings, name).trim() || undefined;
  const [address, namespace, caCert] = [value('address'), value('namespace'), value('caCert')];
  return { env: host.env, ...(address ? { address } : {}), ...(namespace ? { namespace } : {}), ...(caCert ? { caCert } : {}) };
}
