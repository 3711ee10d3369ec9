import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyIgnoreFiles, claudeSandboxState, type FileResult } from '../../core/ai-ignore';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/**
 * EnvGuard: Protect Env Files from AI Tools — the same controls as `envguard protect`, in every
 * folder. In a folder where Claude Code is used (it has a `.claude` folder) and its sandbox is off,
 * a modal asks before turning the sandbox on: only a yes writes `.claude/settings.local.json`.
 */
export function writeIgnoreFiles(services: Services) {
  return async (): Promise<void> => {
    if (!requireTrust("write the AI tools' controls")) return;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('EnvGuard: open a folder on disk first.');
      return;
    }
    let written = 0;
    const errors: string[] = [];
    for (const folder of folders) {
      const dir = folder.uri.fsPath;
      const usesClaude = existsSync(path.join(dir, '.claude'));
      const results = await applyIgnoreFiles(dir);
      if (usesClaude && (await claudeSandboxState(dir, process.env)) === false && (await askForSandbox(folder.name))) {
        results.push(...(await applyIgnoreFiles(dir, { enableSandbox: true })).filter((result) => result.path === '.claude/settings.local.json'));
      }
      for (const result of results) {
        const where = `${folder.name}/${result.path}`;
        if (result.status === 'error') errors.push(`${where}: ${result.reason ?? 'error'}`);
        else if (result.status !== 'unchanged') written++;
        services.log.info(`${where}: ${result.status}${reasonOf(result)}`);
      }
    }
    if (errors.length > 0) {
      for (const e of errors) services.log.error(e);
      void vscode.window.showErrorMessage(`EnvGuard: ${errors.length} file(s) could not be written: ${errors[0]!}`);
    } else {
      void vscode.window.showInformationMessage(written > 0
        ? `EnvGuard wrote ${written} file(s): ignore files, Claude Code and Codex settings, Zed's private files, and hooks for Cursor, Windsurf and Gemini CLI that run 'envguard hook' (the CLI must be on the PATH). 'envguard protect --check' says what each tool covers.`
        : "EnvGuard: the AI tools' controls were already up to date.");
    }
  };
}

function reasonOf(result: FileResult): string {
  return result.reason ? ` (${result.reason})` : '';
}

async function askForSandbox(folder: string): Promise<boolean> {
  const turnOn = 'Turn On';
  const answer = await vscode.window.showWarningMessage(
    `Turn on Claude Code's sandbox in ${folder}?`,
    {
      modal: true,
      detail: "Claude Code's deny rules stop its file tools and the commands it recognises; a script it runs can still open an env file. With the sandbox on, its Bash commands run under OS confinement that cannot read env files or the EnvGuard vault. EnvGuard writes this to .claude/settings.local.json (your own settings, not the team's). Some tools may then need sandbox settings of their own.",
    },
    turnOn,
  );
  return answer === turnOn;
}
