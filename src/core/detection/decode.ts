/** Base64 and base64url decoding for peeking inside encoded values (JWT payloads, encoded key files). */

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The UTF-8 text a base64 or base64url string encodes, or undefined when it is not base64. */
export function decodeBase64(text: string): string | undefined {
  if (text.length === 0 || text.length > 200_000 || !BASE64.test(text)) return undefined;
  const normalized = text.replace(/-/g, '+').replace(/_/g, '/');
  return Buffer.from(normalized, 'base64').toString('utf8');
}
