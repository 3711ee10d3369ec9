import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Keys for the gate's own files, derived from the vault key (one key, one purpose): only a process
 * holding the vault key (the key agent, or an automation vault's process) can write a policy or a
 * release record that verifies; an agent that edits the files gets them ignored, not obeyed.
 */
export type GatePurpose = 'approval policies' | 'release log';

export function gateKey(vaultKey: Buffer, purpose: GatePurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', vaultKey, Buffer.alloc(0), `envguard gate ${purpose} v1`, 32));
}

export function macOf(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('base64');
}

export function macMatches(key: Buffer, text: string, mac: unknown): boolean {
  if (typeof mac !== 'string') return false;
  const expected = Buffer.from(macOf(key, text), 'base64');
  const given = Buffer.from(mac, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
