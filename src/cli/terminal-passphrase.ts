import { closeSync, openSync, readFileSync } from 'node:fs';
import * as tty from 'node:tty';

/**
 * The passphrase, typed by the human at the controlling terminal (/dev/tty), never echoed, never
 * read from stdin or an argument: a pipe, a file or an agent's tool call does not answer it, and it
 * never reaches the shell's history or the process list. Windows has no /dev/tty: the console's
 * stdin, when it is one.
 */
export function canAskAtTerminal(): boolean {
  if (process.platform === 'win32') return process.stdin.isTTY === true;
  try {
    closeSync(openSync('/dev/tty', 'r+'));
  } catch {
    return false;
  }
  return inForeground();
}

/**
 * Linux: whether this process is in its terminal's foreground group. A background command (`cmd &`,
 * or one whose parent left) cannot read the terminal, and a prompt from it would only confuse the
 * human at it. Elsewhere, assumed.
 */
function inForeground(): boolean {
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state, ppid, pgrp, session, tty_nr, tpgid.
    return fields[2] === fields[5];
  } catch {
    return true;
  }
}

/** Longest passphrase read: a paste of a whole file is not one. */
const MAX_PASSPHRASE = 1024;

/**
 * Shows `prompt` on the terminal and reads a line without echo; undefined on Ctrl-C, Ctrl-D or Esc.
 * What is typed past `maxLength` characters is dropped (the caller of a longer limit checks for it).
 */
export async function readPassphrase(prompt: string, maxLength = MAX_PASSPHRASE): Promise<string | undefined> {
  let input: tty.ReadStream;
  let output: tty.WriteStream;
  let own = false;
  if (process.platform === 'win32') {
    if (!process.stdin.isTTY) return undefined;
    input = process.stdin;
    output = process.stderr;
  } else {
    // Two descriptors, one per stream: each stream closes its own.
    try {
      input = new tty.ReadStream(openSync('/dev/tty', 'r'));
      output = new tty.WriteStream(openSync('/dev/tty', 'w'));
    } catch {
      return undefined;
    }
    own = true;
  }
  try {
    input.setRawMode(true);
  } catch {
    // The terminal refuses this process (EIO: not its foreground): it cannot be asked.
    if (own) {
      input.destroy();
      output.destroy();
    }
    return undefined;
  }
  output.write(`${prompt} `);
  input.setEncoding('utf8');
  input.resume();
  try {
    return await new Promise<string | undefined>((resolve) => {
      let typed = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') return resolve(typed);
          if (char === '\u0003' || char === '\u001b' || (char === '\u0004' && typed === '')) return resolve(undefined);
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else if (char >= ' ' && typed.length < maxLength) typed += char;
        }
      };
      input.on('data', onData);
      input.once('end', () => resolve(undefined));
    });
  } finally {
    output.write('\n');
    input.setRawMode(false);
    input.pause();
    input.removeAllListeners('data');
    if (own) {
      input.destroy();
      output.destroy();
    }
  }
}
