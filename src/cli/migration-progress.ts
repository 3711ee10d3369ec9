import type { MigrationProgress } from '../core/migrate';

/**
 * Shows a migration's progress on stderr as each item completes: a bar redrawn in place on a
 * terminal, one plain line per item otherwise (a log, CI). Names secrets and files, never values.
 */
export function migrationProgress(stderr: NodeJS.WritableStream, isTerminal: boolean): { onProgress: (p: MigrationProgress) => void; end: () => void } {
  let drawn = false;
  const clear = (): void => {
    if (drawn) stderr.write('\r\u001b[2K');
    drawn = false;
  };
  return {
    onProgress: (p) => {
      if (p.step === 'stored') {
        if (isTerminal) {
          const width = 30;
          const filled = Math.round((p.done / Math.max(1, p.total)) * width);
          stderr.write(`\r\u001b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} stored  ${p.secretName}`);
          drawn = true;
        } else {
          stderr.write(`envguard migrate: ${p.confirmed ? 'stored' : 'not stored'} ${p.secretName} (${p.done}/${p.total})\n`);
        }
      } else if (p.step === 'file-done') {
        clear();
        stderr.write(`envguard migrate: ${p.rewritten ? 'rewrote' : 'left unchanged'} ${p.file}\n`);
      }
    },
    end: clear,
  };
}
