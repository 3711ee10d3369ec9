/**
 * Shapes of ordinary configuration: values that are not secrets even under a secret-sounding key
 * (`TOKEN_TTL=3600`, `PASSWORD_FILE=/run/secrets/db`, `AUTH_ENABLED=true`).
 */

const BOOLEAN_LIKE = new Set([
  'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'enabled', 'disabled', 'enable', 'disable', 'none', 'null', 'nil',
  'undefined', 'auto', 'default', 'required', 'optional', 'always', 'never', 'inherit', 'unset', 'off-by-default', 'all',
]);

const DURATION = /^\d+(?:\.\d+)?\s*(?:ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?|mo|months?|y|years?)$/i;
const NUMBER = /^[+-]?(?:\d+(?:[._,]\d+)*|\d*\.\d+)(?:e[+-]?\d+)?$/i;
const URL_START = /^[a-z][a-z0-9+.-]{1,30}:\/\//i;
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,200}\.[A-Za-z]{2,24}$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?:\/\d{1,2})?$/;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][0-9A-Za-z.-]{1,40})?$/;
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const HOSTNAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,6}(?:com|net|org|io|local|localhost|internal|svc|lan|edu|gov|co|ai|dev|us|uk|de|eu|fr)(?::\d{1,5})?$/i;
const FILE_PATH = /^(?:~?\/|\.{1,2}\/|[A-Za-z]:[\\/]|\\\\)[^\s=]*$/;
const FILE_NAME = /^(?:[\w.-]{1,100}\/){0,20}[\w.-]{1,100}\.(?:pem|key|crt|cer|p12|pfx|json|ya?ml|txt|env|jks|keystore|der|pub|conf|cfg|ini|toml|xml|db|sqlite|log|asc|gpg|ppk)$/i;
const AWS_ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:/;
const PUBLIC_KEY_TEXT = /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-ssh-ed25519@openssh\.com) [A-Za-z0-9+/=]{20,}/;

export function isBooleanLike(value: string): boolean {
  return BOOLEAN_LIKE.has(value.trim().toLowerCase());
}

export function isNumeric(value: string): boolean {
  return NUMBER.test(value.trim());
}

export function isUrlLike(value: string): boolean {
  return URL_START.test(value.trim());
}

export function isFilePath(value: string): boolean {
  const text = value.trim();
  // FILE_NAME backtracks over slashes: a name without a dot (most random tokens) is not tried.
  if (!FILE_PATH.test(text) && !(text.includes('.') && FILE_NAME.test(text))) return false;
  // Base64 may start with `/`; a path's segments are names, not long mixed-case random runs.
  return !text.split(/[\\/]/).some((segment) => segment.length >= 16 && /[a-z]/.test(segment) && /[A-Z]/.test(segment) && /\d/.test(segment));
}

/**
 * Ordinary configuration that no secret-sounding key makes secret: booleans, durations, URLs (their
 * credentials are judged separately), paths, emails, IPs, versions, hostnames, env var names, ARNs,
 * public key lines, certificates.
 */
export function isOrdinaryConfig(value: string): boolean {
  const text = value.trim();
  // Emails need an `@`; addresses, versions and host names a dot: tokens without them skip those patterns (this runs per value).
  const dotted = text.includes('.');
  return (
    isBooleanLike(text) ||
    DURATION.test(text) ||
    isUrlLike(text) ||
    isFilePath(text) ||
    (text.includes('@') && EMAIL.test(text)) ||
    (dotted && (IPV4.test(text) || VERSION.test(text))) ||
    ENV_NAME.test(text) ||
    (dotted && HOSTNAME.test(text)) ||
    AWS_ARN.test(text) ||
    PUBLIC_KEY_TEXT.test(text) ||
    /^-----BEGIN (?:CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|PGP PUBLIC KEY BLOCK|CERTIFICATE REQUEST|X509 CRL)-----/.test(text)
  );
}
