// Test-only preload (NODE_OPTIONS=--require …): plays another program that saves FILE at the worst
// instant, when EnvGuard has checked the file and is writing the temp file that will replace it.
// ENVGUARD_TEST_EDIT_FILE=path picks the file; ENVGUARD_TEST_EDIT_LINE is appended to it, once.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const file = process.env.ENVGUARD_TEST_EDIT_FILE;
const line = process.env.ENVGUARD_TEST_EDIT_LINE || 'EDITED_MEANWHILE=yes\n';
let done = false;
const open = fs.promises.open;
fs.promises.open = async function (target, flags, ...rest) {
  const name = path.basename(String(target));
  if (!done && file && flags === 'wx' && name.startsWith(`.${path.basename(file)}.envguard-`) && path.dirname(String(target)) === path.dirname(file)) {
    done = true;
    fs.appendFileSync(file, line);
  }
  return open.call(this, target, flags, ...rest);
};
