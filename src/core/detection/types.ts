/**
 * What the detector concluded about one value: why it is a plaintext secret, or why it needs a look
 * although it is not one (a malformed vault reference, a value too long to check whole). Never holds the value.
 */
export interface SecretMatch {
  /** Stable rule id, e.g. `github-pat`, `url-credentials`, `key-hint-password`, `custom:my-rule`, `malformed-reference`. */
  readonly rule: string;
  /** Human name of what was found, e.g. "GitHub personal access token". */
  readonly description: string;
  /**
   * Where the verdict came from: a vendor format, a URL or connection string, the key name, a user
   * pattern; `reference` and `limit` are findings that are not plaintext secrets.
   */
  readonly source?: 'vendor' | 'credentials' | 'key-hint' | 'generic' | 'custom' | 'reference' | 'limit';
  /** The finding's statement after the key, when it is not "holds a plaintext DESCRIPTION". */
  readonly statement?: string;
}

/** A user-defined pattern (setting `envguard.detection.customPatterns` / `.envguard.json`). */
export interface CustomPattern {
  readonly id: string;
  readonly description?: string;
  /** Regular expression source matched against the value (the whole value must contain a match). */
  readonly value?: string;
  /** Regular expression source matched against the key name (case-insensitive). */
  readonly key?: string;
}

export interface DetectionSettings {
  /** Keys never reported: exact names or minimatch globs such as `*_PUBLIC_KEY`. */
  readonly allowKeys?: readonly string[];
  readonly customPatterns?: readonly CustomPattern[];
  /**
   * Report local development defaults too (`DB_PASSWORD=postgres`, `amqp://guest:guest@localhost`).
   * Off by default: they are public knowledge (local-defaults.ts).
   */
  readonly reportLocalDefaults?: boolean;
  /** Per rule id: its severity in reports, or `off` to drop its findings (`.envguard.json` / `envguard.detection.ruleSeverity`). */
  readonly ruleSeverity?: Readonly<Record<string, 'error' | 'warning' | 'info' | 'off'>>;
}
