// The gate session's reference UI flows (issue 16), driven as a user would: the labels after the
// references of gate/.env, Reveal through the approval dialog (masked, Show, Copy, the clipboard
// cleared), Set New Value in two password boxes, Set New Value on a pinned reference (the pin moved),
// and Reveal denied.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { modalDialog, pick } from './ui-support.mjs';

/* global document, getComputedStyle, navigator -- the functions given to page.evaluate run in the workbench page */
/** What the editor shows after each reference: the decorations' after-text (CSS `::after` content). */
export async function referenceLabelsShown(page) {
  return page.evaluate(() => {
    const texts = [];
    for (const element of document.querySelectorAll('.monaco-editor .view-lines span')) {
      const content = getComputedStyle(element, '::after').content;
      if (content && content !== 'none' && content !== 'normal') texts.push(content.replace(/^"|"$/g, ''));
    }
    return texts;
  });
}

/** Polls the labels until one matches `pattern` (the vault answers asynchronously); returns them all. */
async function waitForLabel(page, pattern, timeoutMs = 60_000) {
  let labels = [];
  for (const until = Date.now() + timeoutMs; Date.now() < until;) {
    labels = await referenceLabelsShown(page);
    if (labels.some((l) => pattern.test(l))) return labels;
    await page.waitForTimeout(250);
  }
  throw new Error(`no reference label matched ${pattern}; shown: ${JSON.stringify(labels)}`);
}

/** Opens `file` by Quick Open and waits for `pattern` among its labels (screenshot). */
export async function labelsFlow(page, file, pattern, screenshot) {
  await pick(page, { open: 'Control+P', type: file, row: '.env' });
  await page.waitForSelector('.tab.active[aria-label^=".env"]', { timeout: 15_000 });
  const labels = await waitForLabel(page, pattern);
  // Room for the line and its label: the side bars closed (best effort: a workbench without them is fine).
  for (const command of ['View: Close Primary Side Bar', 'View: Close Secondary Side Bar']) {
    await pick(page, { open: 'F1', type: command, row: command.slice(6) }).catch(() => page.keyboard.press('Escape'));
  }
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
  return { labels };
}

/** The cursor on the file's first line, then a command from the palette. */
async function onFirstLine(page, command) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  await pick(page, { open: 'F1', type: `EnvGuard: ${command}`, row: command });
}

function clipboardText(page) {
  return page.evaluate(() => navigator.clipboard.readText());
}

/**
 * Reveal Secret Value… on the first line: the approval dialog is answered with `answer`. Allowed:
 * the value's dialog shows it masked (screenshot), Show shows it, and then `then`: 'copy' (the
 * clipboard holds it, and is cleared after the shortened delay) or 'close'. Denied: no value dialog.
 */
export async function revealFlow(page, { answer, then = 'close', screenshot }) {
  await onFirstLine(page, 'Reveal Secret Value');
  const approval = await modalDialog(page, 90_000);
  const approvalText = await approval.innerText();
  await approval.locator('.monaco-button', { hasText: answer }).click();
  const valueDialog = page.locator('.monaco-dialog-box', { hasText: 'the value of' });
  if (answer === 'Deny') {
    await page.waitForTimeout(5000); // the outcome, after a generous wait: no dialog with a value came
    return { approvalText, valueDialogs: await valueDialog.count() };
  }
  await valueDialog.waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300);
  const masked = await valueDialog.innerText();
  if (screenshot) await page.screenshot({ path: screenshot });
  await valueDialog.locator('.monaco-button', { hasText: 'Show' }).click();
  await valueDialog.locator('.monaco-button', { hasText: 'Hide' }).waitFor({ timeout: 15_000 });
  const plain = await valueDialog.innerText();
  if (then === 'close') {
    await valueDialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    return { approvalText, masked, plain };
  }
  await valueDialog.locator('.monaco-button', { hasText: 'Copy' }).click();
  await valueDialog.waitFor({ state: 'detached', timeout: 15_000 });
  let copied = '';
  for (let i = 0; i < 50 && copied === ''; i++) { copied = await clipboardText(page); if (copied === '') await page.waitForTimeout(100); }
  let after = copied;
  for (let i = 0; i < 600 && after !== ''; i++) { await page.waitForTimeout(100); after = await clipboardText(page); }
  return { approvalText, masked, plain, copied, clearedTo: after };
}

/** Set New Value's two password boxes (the first one open): `value` typed into each. */
async function typeTwice(page, value) {
  await page.locator('.quick-input-widget input[type="password"]').waitFor({ timeout: 60_000 });
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget', { hasText: 'again' }).waitFor({ timeout: 15_000 });
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

/** Set New Value… on the first line: the value typed in the password box, then again; waits for the label of the new version. */
export async function setValueFlow(page, value, newVersion) {
  await onFirstLine(page, 'Set New Value');
  const box = page.locator('.quick-input-widget input[type="password"]');
  await box.waitFor({ timeout: 60_000 });
  const firstPrompt = await page.locator('.quick-input-widget').first().innerText();
  await typeTwice(page, value);
  const labels = await waitForLabel(page, newVersion);
  return { firstPrompt, labels };
}

/**
 * Set New Value on a reference pinned to a version (`file`, its first line, written by the session
 * with `text`): the value typed twice, then the dialog offering to move the pin, answered "Update
 * the Pin"; waits for the file to change. Returns the dialog's text, the file after, and whether
 * its editor was left unsaved.
 */
export async function pinFlow(page, { file, fileName, text, value }) {
  writeFileSync(file, text);
  await pick(page, { open: 'Control+P', type: fileName, row: path.basename(fileName) });
  await page.waitForSelector(`.tab.active[aria-label^="${path.basename(fileName)}"]`, { timeout: 15_000 });
  await onFirstLine(page, 'Set New Value');
  await typeTwice(page, value);
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'pins the old version' });
  await dialog.waitFor({ timeout: 60_000 });
  const dialogText = await dialog.innerText();
  await dialog.locator('.monaco-button', { hasText: 'Update the Pin' }).click();
  for (let i = 0; i < 300 && readFileSync(file, 'utf8') === text; i++) await page.waitForTimeout(100);
  await page.waitForTimeout(1000);
  return { dialogText, after: readFileSync(file, 'utf8'), dirty: await page.locator('.tab.active.dirty').count() > 0 };
}

/**
 * Set New Value on the pinned reference, while the file changes under the password box (the same
 * key on the same line, another reference: `changed`); "Update the Pin" must then leave the file
 * as it is and say why. Returns the file after and the notifications' text.
 */
export async function pinChangedFlow(page, { file, changed, value }) {
  await onFirstLine(page, 'Set New Value');
  await page.locator('.quick-input-widget input[type="password"]').waitFor({ timeout: 60_000 });
  writeFileSync(file, changed);
  const marker = changed.split('\n')[0].slice(-40, -12);
  for (let i = 0; i < 300 && !(await page.locator('.monaco-editor .view-lines').first().innerText()).includes(marker); i++) await page.waitForTimeout(100);
  await page.locator('.quick-input-widget input[type="password"]').click();
  await typeTwice(page, value);
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'pins the old version' });
  await dialog.waitFor({ timeout: 60_000 });
  await dialog.locator('.monaco-button', { hasText: 'Update the Pin' }).click();
  await pick(page, { open: 'F1', type: 'Notifications: Show Notifications', row: 'Show Notifications' });
  const refusal = page.locator('.notifications-center .notification-list-item', { hasText: 'was not updated' }).first();
  await refusal.waitFor({ timeout: 30_000 });
  const notice = await refusal.innerText();
  const hide = page.locator('.notifications-center .codicon-notifications-hide').first();
  if (await hide.isVisible()) await hide.click();
  return { notice, after: readFileSync(file, 'utf8') };
}
