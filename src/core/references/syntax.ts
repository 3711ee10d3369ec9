/**
 * One way of writing a reference into a vault, as a provider declares it (its folder's reference.ts).
 * The registry lists every syntax; parsing, the "malformed reference" finding and detection's
 * "this is a reference, not a secret" all derive from that one list, so a vault cannot be half added.
 */
export interface ReferenceSyntax<R extends { readonly kind: string }> {
  /** Lower case; a value is compared case-insensitively. A longer, more specific prefix wins over a shorter one. */
  readonly prefixes: readonly string[];
  /** For messages: "Azure Key Vault (App Service)". */
  readonly name: string;
  /** The accepted forms, for the message on a malformed one: "ref+vault://PATH#/KEY". */
  readonly expected: string;
  /**
   * Whether a value that starts with one of `prefixes` is meant as this syntax at all: a short, generic
   * prefix (`vault://`) is also how URLs of a service start, and `vault://admin:pw@host:8200` is a
   * credential to flag, not a broken reference. Absent: every value with the prefix is claimed.
   */
  claims?(text: string): boolean;
  /** The reference, from a trimmed value that starts with one of `prefixes`; undefined when it does not parse. Never throws. */
  parse(text: string): R | undefined;
  /** What exactly is wrong with a value that starts like this syntax and does not parse, when it can be told (never quoting it). */
  problem?(text: string): string | undefined;
}
