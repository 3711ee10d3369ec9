import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AI_TOOL_INFO, applyIgnoreFiles, claudeSandboxState, detectTools, filesOfTool, preselectedTools, type AiToolId, type FileResult } from '../../core/ai-ignore';
import { saveAiToolChoice } from '../../core/config/ai-tools';
import { PROJECT_CONFIG_FILE, readProjectConfigFile } from '../../core/config/project-config';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/**
 * EnvGuard: Protect Env Files from AI Tools — the same controls as `envguard protect`, in every
 * folder, for the tools the user picks: a multi-select picker per folder, preselected from the
 * folder's `.envguard.json` "aiTools", else from the tools found there. The choice is saved to
 * `.envguard.json` before anything is written, so `envguard protect --check` in CI checks the same
 * tools. In a folder where Claude Code is chosen and used (a `.claude` folder) and its sandbox is
 * off, a modal asks before turning the sandbox on: only a yes writes `.claude/settings.local.json`.
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
    let left = 0;
    const errors: string[] = [];
    for (const folder of folders) {
      const dir = folder.uri.fsPath;
      let tools: AiToolId[] | undefined;
      try {
        tools = await pickTools(dir, folders.length > 1 ? folder.name : undefined);
        if (tools === undefined) {
          services.log.info(`${folder.name}: choice of AI tools cancelled; nothing written`);
          continue;
        }
        await saveAiToolChoice(dir, tools);
      } catch (error) {
        errors.push(`${folder.name}/${PROJECT_CONFIG_FILE}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      services.log.info(`${folder.name}: AI tools chosen: ${tools.length === 0 ? 'none' : tools.join(', ')} (kept in ${PROJECT_CONFIG_FILE})`);
      // Before writing: a `.claude` folder EnvGuard is about to create says nothing about Claude Code's use here.
      const usesClaude = tools.includes('claude-code') && existsSync(path.join(dir, '.claude'));
      const results = await applyIgnoreFiles(dir, { tools });
      if (usesClaude && (await claudeSandboxState(dir, process.env)) === false && (await askForSandbox(folder.name))) {
        results.push(...(await applyIgnoreFiles(dir, { enableSandbox: true, tools })).filter((result) => result.path === '.claude/settings.local.json'));
      }
      for (const result of results) {
        const where = `${folder.name}/${result.path}`;
        if (result.status === 'error') errors.push(`${where}: ${result.reason ?? 'error'}`);
        else if (result.status === 'not-chosen') left++;
        else if (result.status !== 'unchanged') written++;
        services.log.info(`${where}: ${result.status}${reasonOf(result)}`);
      }
    }
    const leftNote = left > 0 ? ` ${left} file(s) of tools you did not choose still hold EnvGuard's controls: they are left as they are (see the log).` : '';
    if (errors.length > 0) {
      for (const e of errors) services.log.error(e);
      void vscode.window.showErrorMessage(`EnvGuard: ${errors.length} file(s) could not be written: ${errors[0]!}`);
    } else {
      void vscode.window.showInformationMessage((written > 0
        ? `EnvGuard wrote ${written} file(s) for the AI tools you chose. Hooks run 'envguard hook' (the CLI must be on the PATH: EnvGuard: Install 'envguard' Command in PATH). 'envguard protect --check' says what each tool covers.`
        : "EnvGuard: the chosen AI tools' controls were already up to date.") + leftNote);
    }
  };
}

/** The picker: every tool with its files, preselected from the saved choice or the tools found in `dir`. Undefined: cancelled. */
async function pickTools(dir: string, folderName: string | undefined): Promise<AiToolId[] | undefined> {
  const saved = (await readProjectConfigFile(dir))?.aiTools;
  const detected = await detectTools(dir);
  const preselected = preselectedTools(saved, detected, 'copilot');
  const items = AI_TOOL_INFO.map((info) => ({
    label: info.name,
    description: filesOfTool(info.id).join(', '),
    ...(detected.includes(info.id) ? { detail: 'used in this folder' } : {}),
    picked: preselected.includes(info.id),
    id: info.id,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    ignoreFocusOut: true,
    title: `EnvGuard: AI tools to protect env files from${folderName === undefined ? '' : ` (${folderName})`}`,
    placeHolder: `Pick the tools used here; the choice is kept in ${PROJECT_CONFIG_FILE}. Files of tools you leave out are not deleted.`,
  });
  return picked?.map((item) => item.id);
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
