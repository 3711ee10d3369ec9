/**
 * Credentials in a command line held by a value (`HEALTHCHECK="curl -H 'Authorization: Bearer …' …"`,
 * `curl -u admin:s3cret …`): the headers a request sends and the `-u user:password` it logs in with.
 */
import { isInterpolation, isPlaceholder } from './placeholders';
import type { SecretMatch } from './types';

export const COMMAND_LINE_CREDENTIALS: SecretMatch = { rule: 'command-line-credentials', description: 'credential in a command line', source: 'credentials' };

const HEADER_OPTION = /(?<!\S)(?:-H|--header)(?:=|[ \t]{0,5})(?:"([^"\r\n]{1,2000})"|'([^'\r\n]{1,2000})')/g;
/** `-u user:pass`, `--user "user":"pass"`, `-u key:` (an API key as the user name): quoted parts joined. */
const USER_OPTION = /(?<!\S)(?:-u|--user)(?:=|[ \t]{1,5})((?:"[^"\r\n]{0,300}"|'[^'\r\n]{0,300}'|[^\s"']{1,300}){1,4})/g;
/** Headers whose value is a credential. */
const CREDENTIAL_HEADER = /^(?:proxy-)?authorization$|^(?:x-)?(?:[a-z]{1,20}-)?(?:api-?key|api-?token|auth-?token|access-?token|token|private-token|key)$/i;
const SCHEME = /^(?:Basic|Bearer|Token|Api-Token|Bot|Digest)\s{1,5}/i;

/** The first credential a command line in the value sends, if any. */
export function commandLineCredential(text: string): SecretMatch | undefined {
  // Most values hold no `-` at all: indexOf finds that faster than the option pattern.
  if (text.length > 65536 || !text.includes('-') || !/(?:^|\s)-(?:H|-header|u|-user)\b/.test(text)) return undefined;
  for (const match of text.matchAll(HEADER_OPTION)) {
    const header = match[1] ?? match[2] ?? '';
    const colon = header.indexOf(':');
    if (colon <= 0) continue;
    const name = header.slice(0, colon).trim();
    if (!CREDENTIAL_HEADER.test(name)) continue;
    if (isCredential(header.slice(colon + 1).trim().replace(SCHEME, ''), 8)) return COMMAND_LINE_CREDENTIALS;
  }
  for (const match of text.matchAll(USER_OPTION)) {
    const login = (match[1] ?? '').replace(/["']/g, '');
    const colon = login.lastIndexOf(':');
    if (colon < 0) continue;
    const password = login.slice(colon + 1);
    // `-u sk_live_…:` sends an API key as the user name with no password.
    if (password.length === 0 ? isCredential(login.slice(0, colon), 8) : isCredential(password, 3)) return COMMAND_LINE_CREDENTIALS;
  }
  return undefined;
}

function isCredential(value: string, minLength: number): boolean {
  const credential = value.trim();
  if (credential.length < minLength || /\s/.test(credential)) return false;
  // `{base64(email:password)}`, `{{token}}`: a template the reader fills in (ODBC-style `{value}` braces are not).
  if (/^\{\{.*\}\}$|^\{[^{}]*[()][^{}]*\}$/.test(credential)) return false;
  // `$TOKEN`, `${TOKEN}`, `$(cat key)` come from elsewhere; a `$` followed by a digit or symbol is a password's.
  return !isPlaceholder(credential) && !isInterpolation(credential) && !/\$[A-Za-z_{(]/.test(credential);
}
