import type { ProjectRegistry } from '../../core/project';
import type { VaultReference } from '../../core/references';
import { awsVaultKey, accountOf } from '../../core/vault/aws/reference';
import { VaultError, type SecretInfo } from '../../core/vault/types';
import type { ExtensionProjects } from '../projects';
import { isTrusted } from '../trust';
import type { VaultAccess } from '../vault-access';
import { labelFromInfo, labelWithoutInfo, type ReferenceLabel } from './reference-label';
import { TtlCache } from './ttl-cache';

/** Metadata changes rarely and a vault call is not free: kept this long, then asked again. */
const INFO_LIFETIME_MS = 30_000;
const MAX_KEPT = 1000;
const REGISTRY_LIFETIME_MS = 5_000;

/**
 * The label after a reference, from the vault's metadata only (`info`: no value, so no approval), read
 * lazily and kept briefly. Never a vault call in Restricted Mode; never a call to a remote vault the
 * user has not confirmed (ProjectRegistry.isVaultConfirmed) or not opened yet (no sign-in starts from
 * looking at a file); the local vault is asked without a passphrase prompt (locked says "locked").
 */
export class ReferenceInfo {
  private readonly infos = new TtlCache<SecretInfo | undefined>(INFO_LIFETIME_MS, MAX_KEPT);
  /** The registry file, read once for a screenful of references rather than once each. */
  private readonly registry = new TtlCache<ProjectRegistry>(REGISTRY_LIFETIME_MS, 1);

  constructor(private readonly vault: VaultAccess, private readonly projects: ExtensionProjects) {}

  async labelOf(reference: VaultReference, now = new Date()): Promise<ReferenceLabel> {
    if (!isTrusted()) return labelWithoutInfo(reference, 'restricted');
    if (reference.kind === 'onepassword' || reference.kind === 'vals') return labelWithoutInfo(reference, 'restricted');
    const opening = this.vault.openWithoutSignIn(reference);
    if (reference.kind !== 'local') {
      const key = confirmationKeyOf(reference);
      const confirmed = key !== undefined && (await this.registry.getOrLoad('registry', () => this.projects.registry())).isVaultConfirmed(key);
      if (key !== undefined && !confirmed) return labelWithoutInfo(reference, 'not-confirmed');
      // An open vault was confirmed (or chosen by the user) when it was opened; none is opened from here.
      if (!opening) return labelWithoutInfo(reference, confirmed ? 'not-signed-in' : 'not-confirmed');
    }
    try {
      const vault = await opening!;
      const owned = vault.ownsReference(reference);
      if (!owned) return labelWithoutInfo(reference, 'unavailable');
      const info = await this.infos.getOrLoad(`${vault.kind}\n${vault.displayName}\n${owned.name}`, () => vault.info(owned.name));
      return labelFromInfo(reference, info, now);
    } catch (error) {
      return labelWithoutInfo(reference, error instanceof VaultError && error.code === 'locked' ? 'locked' : 'unavailable');
    }
  }

  /** A new version was written (Set New Value), or settings changed: ask again. */
  forget(): void {
    this.infos.clear();
    this.registry.clear();
  }
}

/** Under which key the registry records the user's confirmation of the reference's vault, where the reference says. */
function confirmationKeyOf(reference: VaultReference): string | undefined {
  if (reference.kind === 'azure-keyvault') return reference.vaultUrl.toLowerCase();
  if (reference.kind === 'aws-secrets-manager' && reference.region) return awsVaultKey(reference.region, accountOf(reference));
  // A HashiCorp Vault's address comes from VAULT_ADDR or settings, not from the reference: known only once it is open.
  return undefined;
}
