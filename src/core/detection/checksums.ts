/**
 * Checksums vendors build into their tokens, so that a scanner can tell a real token from a
 * random string of the same shape. A valid checksum makes a match certain (placeholder heuristics
 * such as "an ascending run of six" are skipped); an invalid one does not clear it, since test
 * fixtures and older tokens may lack one.
 */

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as zlib computes it) of an ASCII string. */
export function crc32(text: string): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = table[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` in base 62, left-padded with `0` to `width` digits. */
export function base62(n: number, width: number): string {
  let out = '';
  let rest = n;
  while (rest > 0) {
    out = BASE62[rest % 62]! + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's token formats (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, 2021) and npm's (`npm_`, 2021):
 * a prefix, 30 random base62 characters, then the CRC-32 of those 30 characters in 6 base62 digits.
 */
export function hasPrefixedCrc32Base62(token: string, prefixLength: number): boolean {
  const body = token.slice(prefixLength);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

/** Cloudflare's scannable tokens (`cfut_`, `cfat_`, `cfk_`): 40 characters, then their CRC-32 as 8 lower-case hex digits. */
export function hasCloudflareChecksum(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 48) return false;
  return crc32(body.slice(0, 40)).toString(16).padStart(8, '0') === body.slice(40);
}
