import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { LoaderFinder, projectLayout, ProjectNameTakenError, updateShare, type ProjectRegistry, type RegisteredProject } from '../../core/project';
import { parseReference } from '../../core/references';
import { readEnvFileSync } from '../../core/files/read';
import { parseEnv } from '../../core/dotenv';
import { parseCommandArgs, parseFormat } from '../args';
import { jsonDocument } from '../format/json';
import { CliError, EXIT_FOUND, EXIT_OK, type CliIO, type Command } from '../io';
import { openCliLocalVault } from '../local-vault';
import { cliProjectFinder, openCliRegistry } from '../projects';
import { confirm } from '../prompt';
import { projectTable } from './project.table';

const USAGE = `Usage:\n${projectTable.synopsis.map((s) => `  envguard project ${s}`).join('\n')}\nEach subcommand's options and examples: envguard help project SUBCOMMAND`;

/** `envguard project`: what a project is on this machine, and the user's acts that bind folders and secrets to it. */
export const projectCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, projectTable.options);
  const [action = 'show', ...names] = positionals;
  const finder = cliProjectFinder(io);
  const root = await finder.of(io.cwd, true);
  const layout = projectLayout(root, await finder.envFilesOf(root));
  const registry = await openCliRegistry(io);
  const registered = registry.projectAt(layout.root);

  if (action === 'show') {
    if (names.length > 0) throw new CliError(`'project' takes no argument\n${USAGE}`);
    if (parseFormat(values.format, projectTable.options.format.choices) === 'json') return showJson(io, layout, root.source, registered, finder);
    io.stdout.write(`Project ${layout.name}${layout.declared ? '' : ' (not recorded yet: the first migration writes it to .envguard.json)'}\n`);
    io.stdout.write(`  folder: ${layout.root} (${describeSource(root.source)})\n`);
    io.stdout.write(`  on this machine: ${registered ? `registered (${registered.id}); places: ${registered.places.join(', ')}` : 'not registered (its first migration into the local vault registers it)'}\n`);
    const environments = new Map<string, string[]>();
    for (const file of layout.files) environments.set(file.environment.name, [...(environments.get(file.environment.name) ?? []), file.relative]);
    for (const [environment, files] of [...environments].sort()) {
      const vault = layout.config.environments?.[environment]?.vault ?? '(default vault)';
      io.stdout.write(`  ${environment} -> ${vault}: ${files.join(', ')}\n`);
    }
    // Which program reads each file: what EnvGuard reads its values as (see README, Loaders).
    const loaders = new LoaderFinder(finder);
    for (const file of layout.files) {
      const found = await loaders.loadersOf(file.path);
      const why = found.source === 'default' ? 'nothing says otherwise' : found.reasons.join('; ');
      io.stdout.write(`  ${file.relative} is read by ${found.dialects.join(' and ')} (${why})\n`);
    }
    return EXIT_OK;
  }
  if (action === 'link') return link(io, registry, layout.root, layout.name, registered, values.yes === true);
  if (action === 'claim') return claim(io, registry, layout, registered, names, values.yes === true);
  if (action === 'share' || action === 'unshare') {
    if (names.length === 0 || values.with === undefined) throw new CliError(`'project ${action}' needs secret names and --with PROJECT\n${USAGE}`);
    const changed = await updateShare(layout.root, names, values.with, action === 'share');
    io.stdout.write(changed
      ? `${action === 'share' ? 'Shared' : 'Stopped sharing'} ${names.join(', ')} ${action === 'share' ? 'with' : 'with'} project ${values.with} (${path.join(layout.root, '.envguard.json')}).\n`
      : `Nothing changed: ${names.join(', ')} ${action === 'share' ? 'was already' : 'was not'} shared with project ${values.with}.\n`);
    if (action === 'share' && !registry.projectNamed(values.with)) io.stderr.write(`envguard project: warning: no project named ${values.with} is registered on this machine yet\n`);
    return EXIT_OK;
  }
  throw new CliError(`unknown action '${action}'\n${USAGE}`);
};

/** `envguard project --format json`: what the text shows, as one document (docs/cli-json.md). */
async function showJson(io: CliIO, layout: ReturnType<typeof projectLayout>, source: string, registered: RegisteredProject | undefined, finder: ReturnType<typeof cliProjectFinder>): Promise<number> {
  const environments = new Map<string, string[]>();
  for (const file of layout.files) environments.set(file.environment.name, [...(environments.get(file.environment.name) ?? []), file.relative]);
  const loaders = new LoaderFinder(finder);
  const files = [];
  for (const file of layout.files) {
    const found = await loaders.loadersOf(file.path);
    files.push({ file: file.relative, environment: file.environment.name, loaders: found.dialects, loadersFrom: found.source === 'default' ? [] : found.reasons });
  }
  io.stdout.write(jsonDocument({
    name: layout.name, declared: layout.declared, root: layout.root, source,
    registered: registered ? { id: registered.id, places: registered.places } : null,
    environments: [...environments].sort().map(([name, envFiles]) => ({ name, vault: layout.config.environments?.[name]?.vault ?? null, files: envFiles })),
    files,
  }));
  return EXIT_OK;
}

async function link(io: CliIO, registry: ProjectRegistry, root: string, name: string, registered: RegisteredProject | undefined, yes: boolean): Promise<number> {
  const target = registry.projectNamed(name);
  if (!target) {
    io.stdout.write(`No project named ${name} is registered on this machine: nothing to link (its first migration registers it).\n`);
    return EXIT_FOUND;
  }
  if (registered?.id === target.id) {
    io.stdout.write(`${root} is already a place of project ${name}.\n`);
    return EXIT_OK;
  }
  const gone = target.places.filter((p) => !existsSync(p));
  io.stdout.write(`Project ${name} is registered at ${target.places.join(', ') || '(no folder left)'}${gone.length > 0 ? ` (gone: ${gone.join(', ')})` : ''}.\n`
    + `Linking makes ${root} a place of it: its local secrets resolve here.\n`);
  if (!(await confirmed(io, yes, `Is ${root} project ${name}?`))) return EXIT_FOUND;
  const updated = await registry.addPlace(target.id, root, (place) => existsSync(place));
  io.stdout.write(`Linked: project ${name} is at ${updated.places.join(', ')}.\n`);
  return EXIT_OK;
}

async function claim(io: CliIO, registry: ProjectRegistry, layout: ReturnType<typeof projectLayout>, registered: RegisteredProject | undefined, names: string[], yes: boolean): Promise<number> {
  const wanted = names.length > 0 ? names : localReferencesOf(layout.files.map((f) => f.path));
  if (wanted.length === 0) {
    io.stdout.write(`The env files of project ${layout.name} refer to no local secret: nothing to claim.\n`);
    return EXIT_OK;
  }
  const vault = await openCliLocalVault(io);
  const owners = new Map((await vault.list()).map((s) => [s.name, s.owner]));
  const claimable = wanted.filter((n) => owners.has(n) && (owners.get(n) === undefined || !registry.byId(owners.get(n)!)));
  if (claimable.length === 0) {
    io.stdout.write(`None of ${wanted.join(', ')} is a secret without a project: nothing to claim.\n`);
    return EXIT_OK;
  }
  io.stdout.write(`These local secrets belong to no project yet:\n${claimable.map((n) => `  ${n}\n`).join('')}Claiming gives them to project ${layout.name} (${layout.root}); other projects are then refused.\n`);
  if (!(await confirmed(io, yes, `Claim ${claimable.length} secret${claimable.length === 1 ? '' : 's'} for project ${layout.name}?`))) return EXIT_FOUND;
  let project = registered;
  try {
    project ??= await registry.register(layout.root, layout.name);
  } catch (error) {
    if (error instanceof ProjectNameTakenError) throw new CliError(`${error.message}: if this folder is that project, run 'envguard project link' first; otherwise give it another name in .envguard.json`);
    throw error;
  }
  const result = await vault.claim(claimable, project.id, (id) => registry.byId(id) !== undefined);
  io.stdout.write(`Claimed ${result.claimed.length} for project ${layout.name}${result.refused.length > 0 ? `; ${result.refused.join(', ')} belong to other projects` : ''}.\n`);
  return result.refused.length > 0 ? EXIT_FOUND : EXIT_OK;
}

/** The local secret names the env files refer to (files that cannot be read are skipped: claim lists only what it found). */
function localReferencesOf(files: readonly string[]): string[] {
  const names = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = readEnvFileSync(file).text;
    } catch {
      continue;
    }
    for (const entry of parseEnv(text).entries) {
      const reference = parseReference(entry.value);
      if (reference?.kind === 'local') names.add(reference.name);
    }
  }
  return [...names].sort();
}

async function confirmed(io: CliIO, yes: boolean, question: string): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY || !io.isTTY) throw new CliError('no terminal to confirm on: pass --yes');
  return confirm(question);
}

function describeSource(source: string): string {
  switch (source) {
    case 'declared': return 'its .envguard.json names the project';
    case 'repository': return 'the repository\'s root';
    case 'config': return 'the outermost folder with a .envguard.json';
    default: return 'the working directory: no repository or .envguard.json above it';
  }
}

/** The entry point dist/cli.js loads for `envguard project`. */
export const command = projectCommand;
