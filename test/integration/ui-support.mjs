// What the UI sessions (run.mjs, gate-session.mjs) share: driving the workbench as a user would,
// and looking for values where they must not be.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Opens a picker (`F1` for the command palette, `Control+P` for Quick Open), types, and picks the row whose label contains `row`. */
export async function pick(page, { open, type, row }) {
  await page.keyboard.press('Escape');
  await page.keyboard.press(open);
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(type);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${row}"]`, { timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Waits for the workbench's modal dialog; returns it. */
export async function modalDialog(page, timeout) {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout });
  await page.waitForTimeout(300);
  return dialog;
}

/** `pick`, then the modal dialog that follows. */
export async function pickThenDialog(page, { open, type, row, timeout }) {
  await pick(page, { open, type, row });
  return modalDialog(page, timeout);
}

/** Runs one flow of a session; one that fails leaves a screenshot of what the page showed and `{ error }`, and the next flow still runs. */
export async function attemptFlow(page, flow, screenshot) {
  try {
    return await flow();
  } catch (error) {
    await page.screenshot({ path: screenshot });
    return { error: error.message };
  }
}

/** Files below `dir` (or the file `dir` itself) whose bytes contain one of `values`. */
export function filesHolding(dir, values) {
  if (!existsSync(dir)) return [];
  const files = statSync(dir).isFile() ? [dir]
    : readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return files.filter((file) => { const bytes = readFileSync(file); return values.some((value) => bytes.includes(value)); });
}
