import * as vscode from 'vscode';
import { CommandIds } from './commands/ids';

/** The walkthrough step "Run your app with its secrets" (package.json contributes.walkthroughs). */
export const RUN_WALKTHROUGH_STEP = { category: 'envguard.envguard#envguard.getStarted', step: 'run' } as const;

/** globalState key: the names of the projects already told (names only, never a value). */
const TOLD_KEY = 'envguard.runHint.toldProjects';
const SHOW_STEP = 'How to Run with Secrets';
const OPEN_TERMINAL = 'Open Terminal with Secrets';

/**
 * After a project's first migration its env files hold references: a plain `npm start` in an
 * ordinary terminal now gets the reference text. Said once per project (the user's globalState
 * remembers which projects were told, across workspaces), where the user is: a notification.
 */
export async function tellHowToRunOnce(state: vscode.Memento, movedProjects: readonly string[]): Promise<void> {
  const told = state.get<string[]>(TOLD_KEY, []);
  const untold = [...new Set(movedProjects)].filter((project) => !told.includes(project));
  if (untold.length === 0) return;
  await state.update(TOLD_KEY, [...told, ...untold]);
  const which = untold.length === 1 ? `project ${untold[0]}` : `projects ${untold.join(', ')}`;
  const choice = await vscode.window.showInformationMessage(
    `EnvGuard: the env files of ${which} now hold references. A plain "npm start" in an ordinary terminal gets the reference text, not the secret: run your app with F5, an EnvGuard task, a terminal with secrets or "envguard run".`,
    SHOW_STEP, OPEN_TERMINAL,
  );
  if (choice === SHOW_STEP) await vscode.commands.executeCommand('workbench.action.openWalkthrough', RUN_WALKTHROUGH_STEP, false);
  if (choice === OPEN_TERMINAL) await vscode.commands.executeCommand(CommandIds.openTerminal);
}
