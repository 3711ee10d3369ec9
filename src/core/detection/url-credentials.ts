/**
 * Credentials embedded in structured values: `scheme://user:pass@host` URLs, secret query
 * parameters (`?sig=…`, `&password=…`), `Key=Value;` connection strings (Azure Storage, Service Bus,
 * SQL Server, JDBC, StackExchange.Redis, libpq) and `Authorization` header values.
 */
import { isInterpolation, isPlaceholder } from './placeholders';
import { looksRandom } from './entropy';
import { isLocalDefaultCredential } from './local-defaults';
import type { SecretMatch } from './types';

export const URL_CREDENTIALS: SecretMatch = { rule: 'url-credentials', description: 'password in a URL', source: 'credentials' };
export const URL_QUERY_SECRET: SecretMatch = { rule: 'url-query-secret', description: 'secret in a URL query string', source: 'credentials' };
export const CONNECTION_STRING_SECRET: SecretMatch = { rule: 'connection-string-secret', description: 'connection string secret', source: 'credentials' };
export const AUTHORIZATION_HEADER: SecretMatch = { rule: 'authorization-header', description: 'Authorization header credential', source: 'credentials' };

/** Parameter names whose value is a password: any real value counts. */
const PASSWORD_PARAMS = new Set(['password', 'pwd', 'passwd', 'pass', 'userpassword', 'dbpassword', 'pw']);
/** Parameter names whose value is a key, signature or token. */
const SECRET_PARAMS = new Set([
  'accountkey', 'sharedaccesskey', 'sharedaccesssignature', 'sig', 'signature', 'secret', 'clientsecret', 'apikey',
  'accesskey', 'secretkey', 'secretaccesskey', 'token', 'accesstoken', 'authtoken', 'sastoken', 'privatetoken',
  'xamzsignature', 'xgoogsignature', 'xamzsecuritytoken', 'refreshtoken', 'apitoken', 'authkey', 'masterkey',
  'primarykey', 'sessiontoken', 'privatekey', 'appsecret', 'consumersecret',
]);
/** Generic names (`key=`, `auth=`) that only count with a random-looking value. */
const WEAK_PARAMS = new Set(['key', 'auth', 'code', 'k', 'credential', 'credentials']);

const MAX_SCANS = 16;

/** The first credential found in the value, or undefined. */
export function findEmbeddedCredentials(value: string, reportLocalDefaults = false): SecretMatch | undefined {
  const text = value.trim();
  if (text.length < 6 || text.length > 65536) return undefined;
  if (text.includes('://')) {
    const found = scanUrls(text, reportLocalDefaults);
    if (found) return found;
  }
  if (text.includes('=')) {
    const found = scanConnectionString(text);
    if (found) return found;
  }
  return authorizationHeader(text);
}

function scanUrls(text: string, reportLocalDefaults: boolean): SecretMatch | undefined {
  let from = 0;
  for (let scans = 0; scans < MAX_SCANS; scans++) {
    const at = text.indexOf('://', from);
    if (at < 0) return undefined;
    from = at + 3;
    if (at === 0 || !isSchemeChar(text.charCodeAt(at - 1))) continue;
    const rest = text.slice(from);
    const end = rest.search(/[\s"'<>`]/);
    const url = end < 0 ? rest : rest.slice(0, end);
    // Most URLs carry no credentials: without an `@` there is no user information to look at.
    if (url.includes('@') && passwordInAuthority(url, reportLocalDefaults)) return URL_CREDENTIALS;
    const query = url.indexOf('?');
    if (query >= 0 && secretInParameters(url.slice(query + 1).split('#')[0] ?? '', /[&;]/)) return URL_QUERY_SECRET;
  }
  return undefined;
}

/** The last character of a scheme (`[a-z0-9+.-]`, either case). */
function isSchemeChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2e || code === 0x2d;
}

/** `user:pass@host`: the part before the last `@` of the authority, with a real password. */
function passwordInAuthority(afterScheme: string, reportLocalDefaults: boolean): boolean {
  const authorityEnd = afterScheme.search(/[/?#]/);
  const authority = authorityEnd < 0 ? afterScheme : afterScheme.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at <= 0) return false;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return false;
  const password = decode(userinfo.slice(colon + 1));
  if (!isRealSecret(password, 1)) return false;
  // Host without its port (`[::1]:5432`, `db:5432`); a list of hosts (`h1:1,h2:2`) is judged by its first.
  const host = authority.slice(at + 1).split(',')[0]!.replace(/:\d{1,5}$/, '');
  return reportLocalDefaults || !isLocalDefaultCredential(decode(userinfo.slice(0, colon)), password, host);
}

function scanConnectionString(text: string): SecretMatch | undefined {
  const body = text.startsWith('?') ? text.slice(1) : text;
  for (const separator of [/;/, /&/, /,/, /\s+/]) {
    const pairs = parsePairs(body, separator);
    if (pairs.length < 2) continue;
    if (pairs.some(([name, v]) => isSecretParameter(name, v))) return CONNECTION_STRING_SECRET;
  }
  return undefined;
}

function secretInParameters(query: string, separator: RegExp): boolean {
  return parsePairs(query, separator).some(([name, v]) => isSecretParameter(name, v));
}

function parsePairs(text: string, separator: RegExp): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of text.split(separator)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9 _.-]{0,40}$/.test(name)) continue;
    pairs.push([name, unwrap(part.slice(eq + 1).trim())]);
  }
  return pairs;
}

function isSecretParameter(rawName: string, rawValue: string): boolean {
  const name = rawName.toLowerCase().replace(/[\s_.-]+/g, '');
  const v = decode(rawValue);
  if (PASSWORD_PARAMS.has(name)) return isRealSecret(v, 2);
  if (SECRET_PARAMS.has(name)) return isRealSecret(v, 8);
  if (WEAK_PARAMS.has(name)) return isRealSecret(v, 16) && looksRandom(v);
  return false;
}

function isRealSecret(v: string, minLength: number): boolean {
  return v.length >= minLength && !isPlaceholder(v) && !isInterpolation(v);
}

/** ODBC wraps values in braces, others in quotes. */
function unwrap(v: string): string {
  if (v.length >= 2 && ((v.startsWith('{') && v.endsWith('}')) || (v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1);
  }
  return v;
}

function decode(v: string): string {
  if (!v.includes('%')) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

const AUTH_SCHEME = /^(?:Bearer|Basic|Token|Bot|ApiKey|Api-Key|Api-Token|Digest|SSWS|GenieKey|Splunk|DSN)\s+(\S{8,4096})$/i;

/** `Bearer eyJ…`, `Basic dXNlcjpwYXNz`: a header value with its credential. */
function authorizationHeader(text: string): SecretMatch | undefined {
  const match = AUTH_SCHEME.exec(text);
  const credential = match?.[1];
  if (!credential || isPlaceholder(credential) || isInterpolation(credential)) return undefined;
  return /[A-Za-z]/.test(credential) && /[0-9+/=_.-]/.test(credential) ? AUTHORIZATION_HEADER : undefined;
}
