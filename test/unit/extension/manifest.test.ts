import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
interface Step { id: string; title: string; description: string; media: { markdown: string }; completionEvents: string[] }
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string; displayName: string; bin: Record<string, string>;
  contributes: { commands: { command: string; category: string }[]; configuration: { properties: Record<string, unknown> }[] | { properties: Record<string, unknown> }; walkthroughs: { id: string; steps: Step[] }[] };
};

describe('the extension manifest (package.json)', () => {
  // Another Marketplace extension is "EnvGuard - Zero-Trust Secrets & Environment Linter".
  it('has a display name that cannot be confused with the other "EnvGuard": none of its other words', () => {
    const other = new Set(['zero-trust', 'secrets', '&', 'environment', 'linter', '-']);
    const words = manifest.displayName.toLowerCase().split(/\s+/);
    assert.equal(words[0], 'envguard:');
    assert.deepEqual(words.filter((w) => other.has(w)), [], manifest.displayName);
    assert.notEqual(manifest.displayName, 'EnvGuard');
  });

  it('keeps the short name everywhere else: the command ids, the palette category, the settings, the CLI', () => {
    assert.equal(manifest.name, 'envguard');
    assert.deepEqual(Object.keys(manifest.bin), ['envguard']);
    for (const { command, category } of manifest.contributes.commands) {
      assert.match(command, /^envguard\./);
      assert.equal(category, 'EnvGuard', command);
    }
    const configurations = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
    for (const key of configurations.flatMap((c) => Object.keys(c.properties))) assert.match(key, /^envguard\./);
  });

  it('walks a new user through running the app with its secrets, right after the move', () => {
    const steps = manifest.contributes.walkthroughs.find((w) => w.id === 'envguard.getStarted')!.steps;
    const ids = steps.map((s) => s.id);
    assert.equal(ids.indexOf('run'), ids.indexOf('move') + 1);
    const run = steps.find((s) => s.id === 'run')!;
    assert.equal(run.title, 'Run your app with its secrets');
    const media = readFileSync(path.join(root, run.media.markdown), 'utf8');
    for (const way of ['F5', 'Run Command with Secrets', '"type": "envguard"', 'Open Terminal with Secrets', 'envguard run --', 'npm start']) assert.ok(media.includes(way), way);
    assert.deepEqual(run.completionEvents, ['onCommand:envguard.openTerminal', 'onCommand:envguard.runTask']);
    for (const step of steps) assert.ok(existsSync(path.join(root, step.media.markdown)), step.media.markdown);
  });
});
