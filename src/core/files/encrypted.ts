/**
 * Files encrypted at rest by a tool (gpg, age, sops, Ansible Vault), recognised by their content:
 * they hold no plaintext, so a scan skips them with a note instead of failing on them. dotenvx
 * encrypts value by value (`KEY="encrypted:…"`): its files are ordinary env files, scanned, and
 * detection passes the encrypted values (see detection/placeholders.ts).
 */

const TEXT_HEADERS: readonly { readonly prefix: string; readonly tool: string }[] = [
  { prefix: '-----BEGIN PGP MESSAGE-----', tool: 'gpg (armored)' },
  { prefix: '-----BEGIN AGE ENCRYPTED FILE-----', tool: 'age (armored)' },
  { prefix: 'age-encryption.org/', tool: 'age' },
  { prefix: '$ANSIBLE_VAULT;', tool: 'Ansible Vault' },
];

/** OpenPGP packets an encrypted message starts with: session keys (1, 3), encrypted data (9, 18, 20). */
const OPENPGP_FIRST_PACKETS = new Set([1, 3, 9, 18, 20]);

/** The tool that encrypted these bytes, from a header at their start; `binary`: the bytes are not text. */
export function encryptionOfBytes(bytes: Uint8Array, binary: boolean): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString('latin1').replace(/^(?:\xef\xbb\xbf)?\s*/, '');
  for (const { prefix, tool } of TEXT_HEADERS) if (head.startsWith(prefix)) return tool;
  // A binary OpenPGP message: the first byte is a packet header (bit 7 set) for one of its packets.
  // Only for bytes that are not text anyway, so that no text file is ever mistaken for one.
  if (binary && isOpenPgpMessage(bytes)) return 'gpg';
  return undefined;
}

/** The first packet's header names an encrypted message's packet, and its body starts with a known version. */
function isOpenPgpMessage(bytes: Uint8Array): boolean {
  const first = bytes[0];
  if (first === undefined || (first & 0x80) === 0) return false;
  const newFormat = (first & 0x40) !== 0;
  const tag = newFormat ? first & 0x3f : (first >> 2) & 0x0f;
  if (!OPENPGP_FIRST_PACKETS.has(tag)) return false;
  if (tag === 9) return true; // legacy encrypted data: no version octet
  let lengthOctets: number;
  if (newFormat) {
    const l = bytes[1] ?? 0;
    lengthOctets = l < 192 || (l >= 224 && l < 255) ? 1 : l < 224 ? 2 : 5;
  } else {
    lengthOctets = [1, 2, 4, 0][first & 0x03]!;
  }
  const version = bytes[1 + lengthOctets];
  return version !== undefined && version >= 1 && version <= 6;
}

/**
 * sops writes its metadata into the file it encrypts: `sops_mac=ENC[…]` (dotenv), a top-level
 * `sops:` map (YAML), a `"sops"` object (JSON), a `[sops]` section (INI), each with an encrypted mac.
 */
export function encryptionOfText(text: string): string | undefined {
  if (atLineStart(text, 'sops_mac=ENC[')) return 'sops';
  if (text.includes('ENC[')) {
    if (atLineStart(text, 'sops:') && /^\s+mac:\s*ENC\[/m.test(text)) return 'sops';
    if (/"sops"\s*:\s*\{/.test(text) && /"mac"\s*:\s*"ENC\[/.test(text)) return 'sops';
    if (atLineStart(text, '[sops]') && /^mac\s*=\s*ENC\[/m.test(text)) return 'sops';
  }
  return undefined;
}

function atLineStart(text: string, needle: string): boolean {
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r' || (i === 1 && text[0] === '\uFEFF')) return true;
  }
  return false;
}
