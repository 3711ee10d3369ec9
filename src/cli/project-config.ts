import { detectionSettingsOf, loadProjectConfig, ProjectConfigError, type ProjectConfig } from '../core/config/project-config';
import type { DetectionSettings } from '../core/detection';
import { CliError, type CliIO } from './io';

/** `.envguard.json` from the working directory; a broken one is a usage error (exit 2) naming the problem. */
export async function loadCliConfig(io: CliIO): Promise<{ config: ProjectConfig; detection: DetectionSettings }> {
  try {
    const config = await loadProjectConfig(io.cwd);
    return { config, detection: detectionSettingsOf(config) };
  } catch (error) {
    if (error instanceof ProjectConfigError) throw new CliError(error.message);
    throw error;
  }
}
