/** `envguard ignore`: keeps env files out of every AI tool's context (and out of git). */
export * from './tools';
export * from './patterns';
export * from './managed-block';
export * from './gitignore-matcher';
export * from './gitignore';
export * from './claude-settings';
export * from './vscode-settings';
export * from './plan';
export * from './apply';
