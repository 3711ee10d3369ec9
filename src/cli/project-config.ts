import { detectionSettingsOf, loadProjectConfig, PROJECT_CONFIG_FILE, ProjectConfigError, type ProjectConfig } from '../core/config/project-config';
import { checkCustomPatterns, type DetectionSettings } from '../core/detection';
import { CliError, type CliIO } from './io';

/**
 * `.envguard.json` from the working directory; a broken one is a usage error (exit 2) naming the
 * problem, and so is a custom pattern that cannot be used (named, with the construct at fault).
 */
export async function loadCliConfig(io: CliIO): Promise<{ config: ProjectConfig; detection: DetectionSettings }> {
  let config: ProjectConfig;
  try {
    config = await loadProjectConfig(io.cwd);
  } catch (error) {
    if (error instanceof ProjectConfigError) throw new CliError(error.message);
    throw error;
  }
  const { problems } = checkCustomPatterns(config.customPatterns);
  if (problems.length > 0) throw new CliError(problems.map((p) => `${PROJECT_CONFIG_FILE}: ${p.message}`).join('\n'));
  return { config, detection: detectionSettingsOf(config) };
}
