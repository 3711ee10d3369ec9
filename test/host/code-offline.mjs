#!/usr/bin/env node
// This machine's VS Code, as `@vscode/test-electron`'s runTests sees an executable: runTests spawns
// `vscodeExecutablePath` with VS Code's own command line (`--extensionTestsPath=…`,
// `--extensionDevelopmentPath=…`, `--user-data-dir=…`, the folder) and waits for its exit code.
// No Electron VS Code can be downloaded here, so this runs the same test run in VS Code's server
// with a headless Chromium as its workbench (host.mjs) and exits with the code the workbench reports.
//
// runTests always passes `--disable-workspace-trust`. Desktop VS Code has no flag to turn trust
// back on; this host does, for the Restricted Mode session: ENVGUARD_HOST_WORKSPACE_TRUST=on.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHostTools } from './install.mjs';
import { runHost, serverLogTail } from './host.mjs';

/** VS Code's flags that a test run passes and that mean nothing to a server without a window. */
const IGNORED = new Set(['--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes',
  '--disable-extensions', '--new-window', '--wait']);

export function parseCodeArguments(argv) {
  // As desktop VS Code: workspace trust is on (a new folder is not trusted) unless the flag turns it off.
  const options = { developmentPaths: [], folders: [], trust: false };
  for (const arg of argv) {
    const [flag, value] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--extensionTestsPath') options.testsEntry = value;
    else if (flag === '--extensionDevelopmentPath') options.developmentPaths.push(value);
    else if (flag === '--user-data-dir') options.userDataDir = value;
    else if (flag === '--extensions-dir') options.extensionsDir = value;
    else if (flag === '--disable-workspace-trust') options.trust = true;
    else if (IGNORED.has(flag)) continue;
    else if (flag.startsWith('-')) throw new Error(`code-offline: ${flag} is not a flag this host understands`);
    else options.folders.push(arg);
  }
  if (!options.testsEntry) throw new Error('code-offline: --extensionTestsPath is required (this host only runs tests)');
  if (options.developmentPaths.length === 0) throw new Error('code-offline: --extensionDevelopmentPath is required');
  if (options.folders.length !== 1) throw new Error(`code-offline: give exactly one folder to open (got ${options.folders.length})`);
  if (!options.userDataDir) throw new Error('code-offline: --user-data-dir is required (its parent folder holds the run: data, HOME, TMPDIR, server.log)');
  if (process.env.ENVGUARD_HOST_WORKSPACE_TRUST === 'on') options.trust = false;
  return options;
}

async function main() {
  const options = parseCodeArguments(process.argv.slice(2));
  ensureHostTools();
  // The run's folders sit beside the user data folder the caller chose, as host.mjs lays them out.
  const runDir = path.dirname(path.resolve(options.userDataDir));
  const [extensionPath, ...installed] = options.developmentPaths.map((p) => path.resolve(p));
  try {
    return await runHost({ runDir, workspace: path.resolve(options.folders[0]), extensionPath, installed, testsEntry: path.resolve(options.testsEntry), trust: options.trust,
      // The clipboard as desktop VS Code has it (the Reveal tests read it back); without the permission the web workbench asks.
      permissions: ['clipboard-read', 'clipboard-write'] });
  } catch (error) {
    process.stderr.write(`code-offline: ${error.message}\n${serverLogTail(runDir)}\n`);
    return 1;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
