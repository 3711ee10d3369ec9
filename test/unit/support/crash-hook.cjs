// Test-only preload (NODE_OPTIONS=--require …): kills this process with SIGKILL right before its
// Nth mutating file-system call, to prove a migration can be interrupted anywhere and lose nothing.
// ENVGUARD_TEST_CRASH_AT=N picks the call; a run that exits normally had fewer than N such calls.
'use strict';
const fs = require('node:fs');

const crashAt = Number(process.env.ENVGUARD_TEST_CRASH_AT || 0);
let count = 0;

function tick() {
  count++;
  if (count === crashAt) process.kill(process.pid, 'SIGKILL');
}

const isWrite = (flags) => typeof flags === 'string' ? /[wa+]/.test(flags) : typeof flags === 'number' && (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0;

for (const name of ['writeFileSync', 'writeSync', 'renameSync', 'fsyncSync', 'mkdirSync', 'rmSync', 'unlinkSync', 'rmdirSync', 'copyFileSync', 'appendFileSync', 'chmodSync', 'utimesSync']) {
  const original = fs[name];
  fs[name] = function (...args) { tick(); return original.apply(this, args); };
}
const openSync = fs.openSync;
fs.openSync = function (path, flags, ...rest) { if (isWrite(flags)) tick(); return openSync.call(this, path, flags, ...rest); };

const p = fs.promises;
for (const name of ['writeFile', 'rename', 'mkdir', 'rm', 'unlink', 'rmdir', 'copyFile', 'appendFile', 'chmod', 'utimes']) {
  const original = p[name];
  p[name] = function (...args) { tick(); return original.apply(this, args); };
}
const open = p.open;
p.open = async function (path, flags, ...rest) {
  if (isWrite(flags)) tick();
  const handle = await open.call(this, path, flags, ...rest);
  for (const method of ['write', 'writeFile', 'sync', 'datasync', 'truncate']) {
    const original = handle[method];
    handle[method] = function (...args) { tick(); return original.apply(this, args); };
  }
  return handle;
};
