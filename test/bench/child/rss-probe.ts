/**
 * Preloaded into each measured process (NODE_OPTIONS=--require): at exit, appends "<pid> <maxRSS KB>"
 * to the file named by BENCH_RSS_FILE, so peak memory is read the same way for every tool, child
 * processes included. Compiled to plain CommonJS so that it costs the measured process next to nothing.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
  });
}
