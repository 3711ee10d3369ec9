/**
 * Zed reads no ignore file. Its `private_files` setting (globs) marks files whose contents Zed keeps
 * from its AI features, and Zed's defaults already list every `.env` file; a project's list replaces the
 * defaults, so EnvGuard's list keeps them and adds the credential files. Entries the user wrote stay.
 * `file_scan_exclusions` is not used: it hides the files from the user as well.
 * https://zed.dev/docs/reference/all-settings ("Private Files")
 */
import type { TextEdit } from '../files/text-format';
import { JsonSettingsEdit } from './json-edit';
import { CREDENTIAL_FILE_PATTERNS } from './patterns';

export const ZED_SETTINGS_PATH = '.zed/settings.json';

/** Zed's documented default list, then EnvGuard's additions. */
export const ZED_PRIVATE_FILES: readonly string[] = [
  '**/.env*', '**/*.pem', '**/*.key', '**/*.cert', '**/*.crt', '**/secrets.yml',
  '**/*.env',
  ...CREDENTIAL_FILE_PATTERNS.map((pattern) => `**/${pattern}`).filter((glob) => !['**/*.pem', '**/*.key'].includes(glob)),
];

export function zedSettingsText(current: string | undefined): TextEdit {
  const edit = new JsonSettingsEdit(current);
  edit.ensureItems(['private_files'], ZED_PRIVATE_FILES);
  return edit.result();
}
