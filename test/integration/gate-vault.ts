// Run by run.mjs before the gate session (`node --import tsx gate-vault.ts HOME WORKSPACE ENV_FILE`):
// a passphrase vault at HOME holding the values of WORKSPACE's ENV_FILE, which then holds references;
// the key agent is locked again, so the session starts as a user's day does: locked. Prints the
// passphrase the UI test types (what only the human knows).
import { PASSPHRASE, passphraseVaultWith } from '../unit/gate/support';

const [home, workspace, envFile] = process.argv.slice(2);
if (!home || !workspace || !envFile) throw new Error('usage: gate-vault.ts HOME WORKSPACE ENV_FILE');
passphraseVaultWith(home, workspace, { ENVGUARD_HOME: home }, [envFile]).then(
  () => process.stdout.write(`${JSON.stringify({ passphrase: PASSPHRASE })}\n`),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
