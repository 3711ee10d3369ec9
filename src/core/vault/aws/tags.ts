/** The tag that marks a JSON document EnvGuard writes (its fields are listed as secrets of their own). */
export const TAG_LAYOUT = 'envguard-layout';
export const TAG_SOURCE_KEY = 'envguard-source-key';
/**
 * The tags a JSON document carries: project, environment, and the file that created it. A key's own
 * source is its field name (reported as envguard-source-key); AWS allows 50 tags a secret, too few
 * for a tag per key.
 */
export const DOCUMENT_TAGS: readonly string[] = ['envguard-project', 'envguard-environment', 'envguard-source-file'];

export type AwsTags = readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined;

export function tagsOf(tags: AwsTags): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? '']));
}

export function toAwsTags(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** A document's tags, from the tags of the first write that creates it. */
export function documentTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return { ...Object.fromEntries(DOCUMENT_TAGS.filter((k) => tags[k] !== undefined).map((k) => [k, tags[k]!])), [TAG_LAYOUT]: 'json-per-environment' };
}
