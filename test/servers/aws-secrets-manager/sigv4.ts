/**
 * AWS Signature Version 4, verified as the service does it, written from AWS's documented algorithm
 * ("Create a signed AWS API request"): the canonical request (method, canonical URI with each segment
 * encoded again, sorted canonical query, the signed headers' trimmed values, the signed header list,
 * the hex SHA-256 of the body AS RECEIVED), the string to sign (algorithm, request date, credential
 * scope, hash of the canonical request), the signing key (HMAC chain over date, region, service and
 * "aws4_request" from "AWS4" + secret key), then a constant-time comparison. The scope must name this
 * server's region and service, and the request date must be within the allowed skew of the clock.
 * Failures carry AWS's error codes and messages (see ./README.md for which were checked how).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError } from './errors';

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** AWS refuses a request signed more than five minutes before or after its own clock. */
export const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;

export interface SigningCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials (STS) come with a session token the request must carry. */
  readonly sessionToken?: string;
  /** The IAM principal the key belongs to, as access-denied messages name it. */
  readonly principalArn: string;
  /** A temporary credential whose session has ended. */
  expired?: boolean;
}

export interface SignedRequest {
  readonly method: string;
  /** The request target as received: path and query, still percent-encoded. */
  readonly target: string;
  /** Node's rawHeaders: name, value, name, value… (repeated headers kept apart). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

export interface VerificationContext {
  readonly region: string;
  readonly service: string;
  readonly now: number;
  readonly maxSkewMs: number;
  readonly credential: (accessKeyId: string) => SigningCredential | undefined;
}

/** The credential that signed the request, or the AwsError the service would answer with. */
export function verifySignature(request: SignedRequest, context: VerificationContext): SigningCredential {
  const headers = headerMap(request.rawHeaders);
  const authorization = headers.get('authorization')?.[0];
  if (authorization === undefined) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400, 'lower');
  const parsed = parseAuthorization(authorization);

  const credential = context.credential(parsed.accessKeyId);
  const token = headers.get('x-amz-security-token')?.[0];
  if (!credential || (credential.sessionToken ?? undefined) !== token) {
    throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400, 'lower');
  }
  if (credential.expired) throw new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400, 'lower');

  const { scopeDate, region, service, terminator } = parsed;
  if (terminator !== 'aws4_request') throw invalidSignature(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `);
  if (service !== context.service) throw invalidSignature(`Credential should be scoped to correct service: '${context.service}'. `);
  if (region !== context.region) throw invalidSignature(`Credential should be scoped to a valid region, not '${region}'. `);

  const amzDate = requestDate(headers, authorization);
  if (amzDate.slice(0, 8) !== scopeDate) {
    throw invalidSignature(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }
  checkSkew(amzDate, context);

  if (!parsed.signedHeaders.includes('host')) throw invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  const canonicalRequest = buildCanonicalRequest(request, headers, parsed.signedHeaders);
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const expected = hmac(signingKey(credential.secretAccessKey, scopeDate, region, service), stringToSign).toString('hex');
  const given = Buffer.from(parsed.signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) {
    throw invalidSignature([
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      '',
      `The Canonical String for this request should have been\n'${canonicalRequest}'`,
      '',
      `The String-to-Sign should have been\n'${stringToSign}'\n`,
    ].join('\n'));
  }
  return credential;
}

/** The signing key: HMAC-SHA256 chained over the scope, starting from "AWS4" + the secret access key. */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

function parseAuthorization(authorization: string): ParsedAuthorization {
  const space = authorization.indexOf(' ');
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new AwsError('IncompleteSignatureException', `Unsupported AWS 'algorithm': '${algorithm}'`, 400, 'lower');
  }
  const fields = new Map<string, string>();
  for (const part of authorization.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !fields.get(name));
  if (missing.length > 0) {
    throw new AwsError('IncompleteSignatureException', `${missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ')} Authorization=${authorization}`, 400, 'lower');
  }
  const scope = fields.get('Credential')!.split('/');
  if (scope.length !== 5) {
    throw new AwsError('IncompleteSignatureException', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${fields.get('Credential')!}'`, 400, 'lower');
  }
  const [accessKeyId, scopeDate, region, service, terminator] = scope as [string, string, string, string, string];
  return { accessKeyId, scopeDate, region, service, terminator, signedHeaders: fields.get('SignedHeaders')!.split(';'), signature: fields.get('Signature')! };
}

/** X-Amz-Date (ISO 8601 basic), else the HTTP Date header converted to it. */
function requestDate(headers: Map<string, string[]>, authorization: string): string {
  const amz = headers.get('x-amz-date')?.[0];
  if (amz !== undefined) {
    if (!/^\d{8}T\d{6}Z$/.test(amz)) throw new AwsError('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amz}'. See http://en.wikipedia.org/wiki/ISO_8601`, 400, 'lower');
    return amz;
  }
  const http = headers.get('date')?.[0];
  const parsed = http === undefined ? NaN : Date.parse(http);
  if (Number.isNaN(parsed)) {
    throw new AwsError('IncompleteSignatureException', `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authorization}`, 400, 'lower');
  }
  return basicIso(parsed);
}

function checkSkew(amzDate: string, context: VerificationContext): void {
  const signedAt = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
  const minutes = Math.round(context.maxSkewMs / 60000);
  if (signedAt < context.now - context.maxSkewMs) {
    throw invalidSignature(`Signature expired: ${amzDate} is now earlier than ${basicIso(context.now - context.maxSkewMs)} (${basicIso(context.now)} - ${minutes} min.)`);
  }
  if (signedAt > context.now + context.maxSkewMs) {
    throw invalidSignature(`Signature not yet current: ${amzDate} is still later than ${basicIso(context.now + context.maxSkewMs)} (${basicIso(context.now)} + ${minutes} min.)`);
  }
}

function buildCanonicalRequest(request: SignedRequest, headers: Map<string, string[]>, signedHeaders: readonly string[]): string {
  const q = request.target.indexOf('?');
  const path = q < 0 ? request.target : request.target.slice(0, q);
  const query = q < 0 ? '' : request.target.slice(q + 1);
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${(headers.get(name) ?? []).map((v) => v.trim().replace(/ +/g, ' ')).join(',')}\n`).join('');
  return [request.method, canonicalUri(path), canonicalQuery(query), canonicalHeaders, signedHeaders.join(';'), sha256Hex(request.body)].join('\n');
}

/** Every service but S3 encodes each path segment again, after removing dot segments. */
function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/').slice(1)) {
    if (segment === '.') continue;
    if (segment === '..') { segments.pop(); continue; }
    segments.push(segment);
  }
  return `/${segments.map(uriEncode).join('/')}`;
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs = query.split('&').filter((p) => p !== '').map((p) => {
    const eq = p.indexOf('=');
    const decode = (s: string): string => decodeURIComponent(s.replace(/\+/g, '%20'));
    return [uriEncode(decode(eq < 0 ? p : p.slice(0, eq))), uriEncode(decode(eq < 0 ? '' : p.slice(eq + 1)))] as const;
  });
  pairs.sort((a, b) => (a[0] === b[0] ? compare(a[1], b[1]) : compare(a[0], b[0])));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~ , with upper-case hex. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function headerMap(rawHeaders: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    map.set(name, [...(map.get(name) ?? []), rawHeaders[i + 1]!]);
  }
  return map;
}

function invalidSignature(message: string): AwsError {
  return new AwsError('InvalidSignatureException', message, 400, 'lower');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function basicIso(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
