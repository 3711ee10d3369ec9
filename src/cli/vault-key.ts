import { AgentClient, readReleaseLog, type LoggedRecord } from '../core/gate';
import { gateKey } from '../core/gate/derived-keys';
import { changePassphrase, initPassphraseVault, inspectVaultHome, openLocalVault, protectVaultKey, readKeyFile, readLegacyKeychainKey, removeKeyFile, VaultError } from '../core/vault';
import { CliError, EXIT_FOUND, EXIT_OK, type CliIO } from './io';
import { cliHome, } from './projects';
import { cliKeyStoreMode, cliVaultHome } from './local-vault';
import { canAskAtTerminal, readPassphrase } from './terminal-passphrase';
import { jsonDocument } from './format/json';

/** `envguard vault init`: the user's vault gets a key, wrapped by a passphrase chosen here. */
export async function initVault(io: CliIO): Promise<number> {
  if (cliKeyStoreMode(io) === 'automation') throw new CliError('an automation vault (ENVGUARD_KEY_STORE=automation) needs no set-up: its key file is made on the first write');
  const state = await inspectVaultHome(cliHome(io));
  if (state.wrapped) {
    io.stdout.write(`The local vault (${state.home}) is set up: its key is wrapped by your passphrase.\n`);
    return EXIT_OK;
  }
  if (state.keyFile || state.secrets > 0) throw new CliError(`the local vault (${state.home}) already has a key: run envguard vault protect to wrap it with a passphrase`);
  const passphrase = await newPassphrase('EnvGuard: choose a passphrase for the local vault. It unlocks the vault and approves every release of a secret to a program; no program can type it for you.');
  await initPassphraseVault(state.home, passphrase);
  io.stdout.write(`The local vault (${state.home}) is set up. Its key rests wrapped by your passphrase; forget the passphrase and the secrets are lost.\n`);
  return EXIT_OK;
}

/**
 * `envguard vault protect`: an older EnvGuard kept the key in a plain file beside the vault or in the
 * OS keychain, where any program of the user could read it. Wraps it with a passphrase, checks the
 * wrapped key opens, then removes the plain copy.
 */
export async function protectVault(io: CliIO): Promise<number> {
  if (cliKeyStoreMode(io) === 'automation') throw new CliError('an automation vault keeps its key in a file by design; protect the user\'s vault without ENVGUARD_KEY_STORE=automation');
  const state = await inspectVaultHome(cliHome(io));
  if (state.wrapped) {
    io.stdout.write(`The local vault (${state.home}) is already protected by a passphrase.\n`);
    return EXIT_OK;
  }
  const fromFile = state.keyFile ? await readKeyFile(state.home) : undefined;
  const found = fromFile ? { key: fromFile, forget: () => removeKeyFile(state.home), where: 'the key file' } : await keychainKey(state.home);
  if (!found) {
    if (state.secrets > 0) throw new CliError(`the local vault (${state.home}) holds ${state.secrets} secrets but no key was found beside it or in the OS keychain`);
    throw new CliError(`the local vault (${state.home}) has no key yet: run envguard vault init`);
  }
  const passphrase = await newPassphrase(`EnvGuard: the local vault's key is in ${found.where}, where any program of yours can read it. Choose a passphrase to wrap it with.`);
  await protectVaultKey(state.home, found.key, passphrase, found.forget);
  found.key.fill(0);
  io.stdout.write(`Protected: the key is wrapped by your passphrase, and ${found.where} no longer holds it.\n`);
  return EXIT_OK;
}

async function keychainKey(home: string): Promise<{ key: Buffer; forget: () => Promise<void>; where: string } | undefined> {
  const legacy = await readLegacyKeychainKey(home);
  return legacy ? { ...legacy, where: 'the OS keychain' } : undefined;
}

/** `envguard vault passphrase`: a new passphrase (the old one opens the key). */
export async function newVaultPassphrase(io: CliIO): Promise<number> {
  requireTerminal();
  const home = cliVaultHome(io);
  const old = await readPassphrase('EnvGuard: your current passphrase.\nPassphrase:');
  if (!old) throw new CliError('no passphrase was given: nothing changed');
  const next = await newPassphrase('EnvGuard: choose the new passphrase.');
  await changePassphrase(home, old, next);
  io.stdout.write('The passphrase is changed. A key agent already unlocked keeps running until envguard lock.\n');
  return EXIT_OK;
}

/** `envguard vault log [--verify] [--json]`: every approval, denial and release, with names only. */
export async function showReleaseLog(io: CliIO, json: boolean): Promise<number> {
  let records: LoggedRecord[];
  let broken: { line: number; reason: string } | undefined;
  if (cliKeyStoreMode(io) === 'automation') {
    const vault = await openLocalVault({ env: io.env, home: cliHome(io), keyStore: 'automation' });
    ({ records, broken } = await readReleaseLog(vault.home, await vault.derivedKey('release log').catch(() => gateKey(Buffer.alloc(32), 'release log'))));
  } else {
    const client = new AgentClient(cliVaultHome(io), io.env);
    try {
      ({ records, broken } = await client.request<{ records: LoggedRecord[]; broken?: { line: number; reason: string } }>({ op: 'log', client: { pid: process.pid, cwd: io.cwd, terminal: canAskAtTerminal() } }));
    } catch (error) {
      if (error instanceof VaultError && error.code === 'locked') throw new CliError('the release log is verified with the vault key: unlock first (envguard unlock)');
      throw error;
    }
  }
  if (json) io.stdout.write(jsonDocument({ records, ...(broken ? { broken } : {}) }));
  else for (const r of records) io.stdout.write(`${formatRecord(r)}\n`);
  if (broken) {
    io.stderr.write(`envguard vault log: line ${broken.line} does not verify: ${broken.reason}; the records above it verify\n`);
    return EXIT_FOUND;
  }
  return EXIT_OK;
}

function formatRecord(r: LoggedRecord): string {
  const names = r.names && r.names.length > 0 ? ` ${groupedNames(r.names)}` : '';
  const scopes = names === '' && r.scopes && r.scopes.length > 0 ? ` [${r.scopes.join(', ')}]` : '';
  const how = r.channel ? ` via ${r.channel}${r.scope ? ` (${r.scope})` : ''}` : '';
  const who = r.requester ? ` to ${r.requester.command}${r.requester.agent ? ` under ${r.requester.agent}` : ''}` : '';
  const why = r.reason ? `: ${r.reason}` : '';
  return `${r.time} #${r.seq} ${r.event}${names}${scopes}${how}${who}${why}`;
}

function requireTerminal(): void {
  if (!canAskAtTerminal()) throw new CliError('a passphrase is typed at a terminal, and this command has none');
}

async function newPassphrase(intro: string): Promise<string> {
  requireTerminal();
  for (let attempt = 0; attempt < 3; attempt++) {
    const first = await readPassphrase(`${intro}\nNew passphrase:`);
    if (!first) throw new CliError('no passphrase was given: nothing changed');
    if ([...first].length < 8) {
      intro = 'That is too short: a passphrase has at least 8 characters.';
      continue;
    }
    const second = await readPassphrase('Type it again:');
    if (second === first) return first;
    intro = 'The two did not match.';
  }
  throw new CliError('no passphrase was chosen: nothing changed');
}

/** `shop/production: DATABASE_URL, API_TOKEN; shop/default: SMTP_PASSWORD`: each folder of names once (the JSON keeps them whole). */
function groupedNames(names: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const cut = name.lastIndexOf('/');
    const folder = cut > 0 ? name.slice(0, cut) : '';
    const keys = groups.get(folder) ?? [];
    keys.push(cut > 0 ? name.slice(cut + 1) : name);
    groups.set(folder, keys);
  }
  return [...groups].map(([folder, keys]) => (folder === '' ? keys.join(', ') : `${folder}: ${keys.join(', ')}`)).join('; ');
}
