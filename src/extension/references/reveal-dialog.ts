import * as vscode from 'vscode';
import { copyForAWhile } from './clipboard';

const MASK = '••••••••';

/**
 * The value in a modal dialog, masked until the user asks ("Show"); "Copy" puts it on the clipboard
 * for `clearAfterMs`. A modal is gone once answered: the value is never in a notification that
 * stays, the log or the hover. Resolves with what the user did (never the value).
 */
export async function showRevealDialog(key: string, where: string, value: string, clearAfterMs: number): Promise<'copied' | 'shown' | 'closed'> {
  const show = 'Show';
  const hide = 'Hide';
  const copy = 'Copy';
  const seconds = Math.round(clearAfterMs / 1000);
  const copyNote = `Copy puts it on the clipboard for ${seconds} s (an AI agent's shell can read the clipboard).`;
  let plain = false;
  let shown = false;
  for (;;) {
    const length = [...value].length;
    const detail: string = plain
      ? `${value}\n\n${copyNote}`
      : `${MASK}  (${length} character${length === 1 ? '' : 's'})\n\n${copyNote}`;
    const choice: string | undefined = await vscode.window.showInformationMessage(`EnvGuard: the value of ${key} (${where})`, { modal: true, detail }, plain ? hide : show, copy);
    if (choice === show || choice === hide) {
      plain = choice === show;
      shown ||= plain;
      continue;
    }
    if (choice === copy) {
      const { cleared } = await copyForAWhile(value, clearAfterMs);
      vscode.window.setStatusBarMessage(`$(clippy) EnvGuard: ${key} copied; the clipboard is cleared in ${seconds} s`, clearAfterMs);
      void cleared.then((done) => { if (done) vscode.window.setStatusBarMessage(`EnvGuard: the clipboard was cleared (${key})`, 5000); });
      return 'copied';
    }
    return shown ? 'shown' : 'closed';
  }
}
