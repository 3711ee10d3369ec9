import { paginateListSecrets, type SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { VaultError, type SecretInfo } from '../types';
import { toAwsVaultError } from './errors';
import type { AwsLayout } from './names';
import { readSecrets, type RegionReader } from './reads';
import { documentFields } from './secret-text';
import { TAG_LAYOUT, TAG_SOURCE_KEY, tagsOf } from './tags';

/**
 * Every secret's latest version, without values, sorted by name. Under the JSON layout EnvGuard's
 * documents (tagged envguard-layout) are listed field by field: their fields are read (in batches),
 * and only their names leave this function.
 */
export async function listSecrets(reader: RegionReader, layout: AwsLayout): Promise<SecretInfo[]> {
  const entries: SecretListEntry[] = [];
  try {
    for await (const page of paginateListSecrets({ client: reader.client }, {})) entries.push(...(page.SecretList ?? []));
  } catch (error) {
    throw toAwsVaultError(error, { verb: 'list', vault: reader.vault });
  }
  const isDocument = (e: SecretListEntry): boolean => layout === 'json-per-environment' && tagsOf(e.Tags)[TAG_LAYOUT] === 'json-per-environment';
  const documents = entries.filter(isDocument);
  const texts = await readSecrets(reader, documents.map((d) => ({ secretId: d.Name ?? '' })));
  const infos: SecretInfo[] = [];
  documents.forEach((entry, i) => {
    const text = texts[i]!;
    if (text instanceof VaultError) return;
    const tags = tagsOf(entry.Tags);
    for (const field of documentFields(text.text)?.keys() ?? []) {
      infos.push({ name: `${entry.Name}#${field}`, version: text.versionId, createdOn: changedOn(entry), enabled: true, tags: { ...tags, [TAG_SOURCE_KEY]: field } });
    }
  });
  for (const entry of entries.filter((e) => !isDocument(e))) {
    infos.push({ name: entry.Name ?? '', version: currentVersion(entry.SecretVersionsToStages), createdOn: changedOn(entry), enabled: entry.DeletedDate === undefined, tags: tagsOf(entry.Tags) });
  }
  return infos.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function changedOn(entry: SecretListEntry): Date {
  return entry.LastChangedDate ?? entry.CreatedDate ?? new Date(0);
}

function currentVersion(stages: Record<string, string[]> | undefined): string {
  return Object.entries(stages ?? {}).find(([, labels]) => labels.includes('AWSCURRENT'))?.[0] ?? '';
}
