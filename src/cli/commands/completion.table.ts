import { EXIT_OK_ROW, EXIT_USAGE_ROW, type CommandTable } from '../command-table';

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;

export const completionTable = {
  name: 'completion',
  summary: 'print the completion script of a shell (bash, zsh, fish, powershell)',
  synopsis: ['bash|zsh|fish|powershell'],
  description: 'Completes commands, subcommands, options and their values, generated from the same tables as this help.',
  arguments: [{ name: 'SHELL', help: 'the shell the script is for', choices: SHELLS }],
  options: {},
  examples: [
    { command: 'source <(envguard completion bash)', says: 'bash, this session (add it to ~/.bashrc to keep it)' },
    { command: 'envguard completion zsh > "${fpath[1]}/_envguard"', says: 'zsh, installed in a folder of $fpath' },
    { command: 'envguard completion fish > ~/.config/fish/completions/envguard.fish', says: 'fish' },
    { command: 'envguard completion powershell | Out-String | Invoke-Expression', says: 'PowerShell, this session (add it to $PROFILE to keep it)' },
  ],
  exitCodes: [EXIT_OK_ROW, EXIT_USAGE_ROW],
} as const satisfies CommandTable;
