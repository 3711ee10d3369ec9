/** `envguard protect` (formerly `ignore`): keeps env files out of every AI tool's reach (and out of git). */
export * from './tools';
export * from './patterns';
export * from './managed-block';
export * from './gitignore-matcher';
export * from './gitignore';
export * from './claude-settings';
export * from './vscode-settings';
export * from './plan';
export * from './apply';
export * from './json-edit';
export * from './hook-settings';
export * from './codex-config';
export * from './zed-settings';
export * from './status';
export * from './hook/shell-words';
export * from './hook/command-policy';
export * from './hook/payload';
