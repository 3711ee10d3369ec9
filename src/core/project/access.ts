import { minimatch } from 'minimatch';
import { readProjectConfigFile } from '../config/project-config';
import type { ProjectRegistry, RegisteredProject } from './registry';

/** Who asks for a local secret: the project of the env file (or launch, or working directory) that holds the reference. */
export interface Requester {
  /** Real path of the project's folder. */
  readonly root: string;
  /** The name its `.envguard.json` declares: a label, used only to suggest a remedy. */
  readonly declaredName?: string;
}

/** What the user can do about a refusal; adapters turn it into a command to run or a button. */
export type AccessRemedy =
  /** This folder may be that project, moved, renamed or copied: confirm it once (`envguard project link`). */
  | { readonly kind: 'link'; readonly project: string; readonly places: readonly string[]; readonly root: string }
  /** A secret that belongs to no project (stored before projects): claim it for this one (`envguard project claim`). */
  | { readonly kind: 'claim'; readonly secret: string; readonly root?: string; readonly declaredName?: string }
  /** Another project's secret: its owner can share it (`envguard project share`). */
  | { readonly kind: 'share'; readonly secret: string; readonly owner: string; readonly ownerPlaces: readonly string[]; readonly requester?: string }
  /** A remote vault the user has not confirmed: no credential or value goes there until they do (`envguard vault confirm`). */
  | { readonly kind: 'confirm-vault'; readonly vault: string };

export interface AccessRefusal {
  /** Names the secret and the projects involved; never a value. */
  readonly reason: string;
  readonly remedy: AccessRemedy;
}

/**
 * Decides whether a project may read a secret of the local vault. The secret's owner is a project id
 * the user registered (by migrating, or by `envguard project link`), bound to folders on this
 * machine; what a repository writes in its `.envguard.json` is only a label. A secret is readable by
 * its owner's folders, and by projects its owner shares it with (its `.envguard.json` `share`).
 */
export class LocalAccess {
  private readonly shares = new Map<string, Promise<Readonly<Record<string, string[]>> | undefined>>();

  constructor(private readonly registry: ProjectRegistry) {}

  async check(secret: string, owner: string | undefined, requester: Requester): Promise<AccessRefusal | undefined> {
    const asking = this.registry.projectAt(requester.root);
    const claim = { kind: 'claim' as const, secret, root: requester.root, ...(requester.declaredName !== undefined ? { declaredName: requester.declaredName } : {}) };
    if (owner === undefined) {
      return { reason: `secret ${secret} was stored before EnvGuard kept secrets per project and belongs to no project yet`, remedy: claim };
    }
    if (asking?.id === owner) return undefined;
    const holder = this.registry.byId(owner);
    if (!holder) {
      return { reason: `secret ${secret} belongs to a project this machine no longer knows`, remedy: claim };
    }
    if (asking && await this.shared(holder, secret, asking)) return undefined;
    const where = holder.places.length > 0 ? ` (${holder.places.join(', ')})` : '';
    if (!asking && requester.declaredName === holder.name) {
      return {
        reason: `secret ${secret} belongs to project ${holder.name}${where}, and ${requester.root} is not a confirmed place of that project`,
        remedy: { kind: 'link', project: holder.name, places: holder.places, root: requester.root },
      };
    }
    const me = asking ? `project ${asking.name} (${requester.root})` : `${requester.root}, which is not a registered project,`;
    return {
      reason: `secret ${secret} belongs to project ${holder.name}${where}; ${me} may not read it`,
      remedy: { kind: 'share', secret, owner: holder.name, ownerPlaces: holder.places, ...(asking ? { requester: asking.name } : {}) },
    };
  }

  /** True when the owner's `.envguard.json` (at one of its places) shares `secret` with the asking project. */
  private async shared(holder: RegisteredProject, secret: string, asking: RegisteredProject): Promise<boolean> {
    for (const place of holder.places) {
      let pending = this.shares.get(place);
      if (!pending) {
        pending = readProjectConfigFile(place).then((c) => c?.share, () => undefined);
        this.shares.set(place, pending);
      }
      const share = await pending;
      if (!share) continue;
      for (const [pattern, projects] of Object.entries(share)) {
        if (projects.includes(asking.name) && (pattern === secret || minimatch(secret, pattern))) return true;
      }
    }
    return false;
  }
}

/** The command a CLI user runs for a remedy (the extension offers the same as a button). */
export function remedyCommand(remedy: AccessRemedy): string {
  switch (remedy.kind) {
    case 'link': return `if this folder is project ${remedy.project}, moved or copied, confirm it once: envguard project link`;
    case 'claim': return 'if this project is where it belongs, claim it: envguard project claim';
    case 'share': return `to share it, run in ${remedy.ownerPlaces[0] ?? `project ${remedy.owner}`}: envguard project share ${remedy.secret} --with ${remedy.requester ?? 'PROJECT'}`;
    case 'confirm-vault': return `if you trust it, confirm it once: envguard vault confirm ${remedy.vault}`;
  }
}
