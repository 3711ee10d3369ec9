/**
 * Child process for concurrency.test.ts: opens the vault, says "ready", waits for "go" on stdin
 * (so that all writers start together), then writes COUNT secrets one after another.
 * Usage: node --require tsx/cjs concurrent-writer.ts HOME WRITER COUNT
 */
import { openLocalVault } from '../../../src/core/vault';
import { concurrentName, concurrentValue } from './concurrent-values';

async function main(): Promise<void> {
  const [home, writer, count] = process.argv.slice(2);
  if (!home || !writer || !count) throw new Error('usage: HOME WRITER COUNT');
  const vault = await openLocalVault({ home, keyStore: 'file', env: {} });
  await new Promise<void>((resolve) => {
    process.stdin.setEncoding('utf8').on('data', (chunk: string) => { if (chunk.includes('go')) resolve(); });
    process.stdout.write('ready\n');
  });
  process.stdin.pause();
  for (let index = 0; index < Number(count); index++) {
    await vault.set(concurrentName(Number(writer), index), concurrentValue(Number(writer), index), { tags: { writer } });
  }
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
