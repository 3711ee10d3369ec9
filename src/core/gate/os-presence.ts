/**
 * The OS's own user-presence prompt, where one exists: Touch ID (macOS LocalAuthentication), Windows
 * Hello (UserConsentVerifier), polkit on Linux desktops (pkcheck with an authentication agent). Each
 * needs a signed helper or a desktop session with an authentication agent; none of them can run on
 * the machines EnvGuard is tested on, so each is an `OsPresence` that reports why it is unavailable,
 * and the gate falls back to the passphrase. The interface is what a helper implements.
 */
export interface OsPresence {
  readonly name: string;
  /** Why it cannot be used here, or undefined when it can. */
  unavailable(): Promise<string | undefined>;
  /** Shows the OS prompt with `reason`; true only when the human confirmed. */
  confirm(reason: string): Promise<boolean>;
}

class UnavailablePresence implements OsPresence {
  constructor(readonly name: string, private readonly why: string) {}
  unavailable(): Promise<string> {
    return Promise.resolve(this.why);
  }
  confirm(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

/** The prompt this platform would offer, as it stands: unavailable everywhere for now (see above). */
export function osPresenceFor(platform: NodeJS.Platform): OsPresence {
  switch (platform) {
    case 'darwin': return new UnavailablePresence('Touch ID', 'Touch ID needs a signed helper EnvGuard does not ship yet');
    case 'win32': return new UnavailablePresence('Windows Hello', 'Windows Hello needs a helper EnvGuard does not ship yet');
    default: return new UnavailablePresence('polkit', 'polkit needs a desktop authentication agent, and EnvGuard does not ship a polkit action yet');
  }
}
