import * as vscode from 'vscode';

/** How long a copied value stays on the clipboard: an agent's shell can read the clipboard too. */
export const CLIPBOARD_CLEAR_MS = 30_000;
/** Read only outside a user's installation (development and test hosts), so a test need not wait 30 s. */
const TEST_DELAY_VARIABLE = 'ENVGUARD_TEST_CLIPBOARD_CLEAR_MS';

/** The delay before the clipboard is cleared: 30 s, shortened only for the extension's own tests. */
export function clipboardClearDelay(mode: vscode.ExtensionMode): number {
  if (mode === vscode.ExtensionMode.Production) return CLIPBOARD_CLEAR_MS;
  const asked = Number(process.env[TEST_DELAY_VARIABLE]);
  return Number.isInteger(asked) && asked > 0 ? asked : CLIPBOARD_CLEAR_MS;
}

/**
 * Puts `value` on the clipboard and clears it after `delayMs`, if the clipboard still holds it (the
 * user may have copied something else since: that is left alone). Resolves once it was cleared or left.
 */
export async function copyForAWhile(value: string, delayMs: number): Promise<{ cleared: Promise<boolean> }> {
  await vscode.env.clipboard.writeText(value);
  const cleared = new Promise<boolean>((resolve) => {
    const clear = async (): Promise<void> => {
      pending.delete(clearNow);
      try {
        // Unreadable (no focus or permission in a browser, or the window closing): cleared all the same, the safe way to be wrong.
        const holds = await vscode.env.clipboard.readText().then((text) => text === value, () => true);
        if (!holds) return resolve(false);
        await vscode.env.clipboard.writeText('');
        resolve(true);
      } catch {
        resolve(false);
      }
    };
    const timer = setTimeout(() => void clear(), delayMs);
    const clearNow = (): Promise<void> => {
      clearTimeout(timer);
      return clear();
    };
    pending.add(clearNow);
  });
  return { cleared };
}

/** The clears not done yet: a window closed or reloaded within the delay clears them on the way out. */
const pending = new Set<() => Promise<void>>();

/** On deactivation (a window closed or reloaded within the delay): every value still waiting is cleared now. */
export async function clearPendingClipboard(): Promise<void> {
  await Promise.all([...pending].map((clear) => clear()));
}
