/**
 * A monorepo of 50 env files and about 1,000 secrets migrated into the local vault by the real CLI,
 * as whole processes: planning alone (`envguard migrate --dry-run`) beside the whole migration
 * (`envguard migrate --yes`: plan, store, read back, re-confirm, rewrite every file), each on a fresh
 * copy of the repository and a fresh vault. Wall clock spawn to exit, and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateMonorepo } from '../../support/monorepo';
import { processRunner, type ProcessRun } from '../lib/measure-process';
import { formatBytes, formatCount, formatTimings, median } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';

export const monorepoSection: Section = {
  name: 'Monorepo migration into the local vault (whole processes)',
  async run(context: BenchContext): Promise<Row[]> {
    const dir = path.join(context.work, 'monorepo');
    rmSync(dir, { recursive: true, force: true });
    const template = path.join(dir, 'template');
    const mono = generateMonorepo({ services: 10, perFile: 19, files: 50 });
    for (const [file, text] of Object.entries(mono.files)) {
      mkdirSync(path.dirname(path.join(template, file)), { recursive: true });
      writeFileSync(path.join(template, file), text);
    }
    execFileSync('git', ['init', '-q', template]);
    const run = processRunner(path.join(dir, 'scratch'));
    mkdirSync(path.join(dir, 'scratch'), { recursive: true });
    const cli = path.join(context.repo, 'dist/cli.js');

    const plan: ProcessRun[] = [];
    const migrate: ProcessRun[] = [];
    const savedHome = process.env.ENVGUARD_HOME;
    const savedStore = process.env.ENVGUARD_KEY_STORE;
    try {
      process.env.ENVGUARD_KEY_STORE = 'file';
      for (let i = 0; i <= context.runs; i++) {
        const copy = path.join(dir, `run-${i}`);
        cpSync(template, copy, { recursive: true });
        process.env.ENVGUARD_HOME = path.join(dir, `home-${i}`);
        const planned = await run({ name: 'plan', cwd: copy, okExitCodes: [0], args: [cli, 'migrate', '--dry-run'] });
        const moved = await run({ name: 'migrate', cwd: copy, okExitCodes: [0], args: [cli, 'migrate', '--yes'] });
        if (i > 0) { plan.push(planned); migrate.push(moved); }
        rmSync(copy, { recursive: true, force: true });
        rmSync(process.env.ENVGUARD_HOME, { recursive: true, force: true });
      }
    } finally {
      if (savedHome === undefined) delete process.env.ENVGUARD_HOME; else process.env.ENVGUARD_HOME = savedHome;
      if (savedStore === undefined) delete process.env.ENVGUARD_KEY_STORE; else process.env.ENVGUARD_KEY_STORE = savedStore;
    }
    const what = `${Object.keys(mono.files).length} env files, ${formatCount(mono.secrets)} secrets`;
    return [
      { measure: 'plan alone (migrate --dry-run)', value: formatTimings(plan.map((r) => r.wallMs)), memory: formatBytes(median(plan.map((r) => r.maxRssBytes))), notes: `${what}: projects, environments, names, one vault read` },
      { measure: 'plan and migrate (migrate --yes)', value: formatTimings(migrate.map((r) => r.wallMs)), memory: formatBytes(median(migrate.map((r) => r.maxRssBytes))), notes: 'every value stored, read back, re-confirmed; 50 files rewritten' },
    ];
  },
};
