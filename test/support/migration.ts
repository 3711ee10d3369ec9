import type { DetectionSettings } from '../../src/core/detection';
import type { MigrationSource } from '../../src/core/migrate';
import { ProjectFinder, projectLayout } from '../../src/core/project';
import type { VaultProvider } from '../../src/core/vault/types';

export interface SourcesIntoOptions {
  /** The project's name (default: the folder's, as the product would choose). */
  readonly project?: string;
  readonly label?: (path: string) => string;
  readonly ownerId?: string;
  readonly detection?: DetectionSettings;
}

/**
 * In-process tests: every file into one vault, each in its project (outside a repository, its own
 * folder), laid out over the files given. What the CLI's `migrate --vault V FILE...` builds.
 */
export async function sourcesInto(paths: readonly string[], vault: VaultProvider, options: SourcesIntoOptions = {}): Promise<MigrationSource[]> {
  const finder = new ProjectFinder((folder) => folder);
  const sources: MigrationSource[] = [];
  for (const { root, files } of await finder.group(paths)) {
    const layout = projectLayout(options.project ? { ...root, config: { ...root.config, project: options.project } } : root, files);
    for (const path of files) {
      sources.push({
        path, label: options.label?.(path) ?? path, project: layout, file: layout.fileAt(path)!, vault,
        ...(options.ownerId ? { ownerId: options.ownerId } : {}),
        ...(options.detection ? { detection: options.detection } : {}),
      });
    }
  }
  return sources;
}
