import { CreateSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { VaultError } from '../types';
import { toAwsVaultError } from './errors';
import type { RegionReader } from './reads';
import { toAwsTags } from './tags';

/**
 * A new version of a whole secret: PutSecretValue, or CreateSecret (with its tags) when there is no
 * such secret; a secret created or deleted by another process meanwhile is tried again, a few times.
 */
export async function putOrCreate(reader: RegionReader, secret: string, value: string, tags: Readonly<Record<string, string>>, kmsKeyId?: string): Promise<string> {
  const signal = (): AbortSignal => AbortSignal.timeout(reader.timeoutMs);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return (await reader.client.send(new PutSecretValueCommand({ SecretId: secret, SecretString: value }), { abortSignal: signal() })).VersionId ?? '';
    } catch (error) {
      if ((error as { name?: string } | undefined)?.name !== 'ResourceNotFoundException') throw toAwsVaultError(error, { verb: 'write', secret, vault: reader.vault });
    }
    try {
      const created = await reader.client.send(new CreateSecretCommand({ Name: secret, SecretString: value, Tags: toAwsTags(tags), ...(kmsKeyId ? { KmsKeyId: kmsKeyId } : {}) }), { abortSignal: signal() });
      return created.VersionId ?? '';
    } catch (error) {
      if ((error as { name?: string } | undefined)?.name !== 'ResourceExistsException') throw toAwsVaultError(error, { verb: 'create', secret, vault: reader.vault });
    }
  }
  throw new VaultError('conflict', `${secret} in ${reader.vault} was created and deleted by others meanwhile; try again`);
}
