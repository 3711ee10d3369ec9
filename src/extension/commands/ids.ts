/** Every command id in one place (package.json `contributes.commands` lists the same ids). */
export const CommandIds = {
  scanWorkspace: 'envguard.scanWorkspace',
  migrateFile: 'envguard.migrateFile',
  migrateWorkspace: 'envguard.migrateWorkspace',
  writeIgnoreFiles: 'envguard.writeIgnoreFiles',
  chooseVault: 'envguard.chooseVault',
  showLog: 'envguard.showLog',
  verifyReferences: 'envguard.verifyReferences',
  runTask: 'envguard.runTask',
  openTerminal: 'envguard.openTerminal',
  shareSecret: 'envguard.shareSecret',
  unlockVault: 'envguard.unlockVault',
  lockVault: 'envguard.lockVault',
  installCli: 'envguard.installCli',
  uninstallCli: 'envguard.uninstallCli',
  /** On a reference: a hover link, a code action, or the palette on the cursor's line. */
  revealSecret: 'envguard.revealSecret',
  setSecretValue: 'envguard.setSecretValue',
  /** Quick fix targets: hidden from the palette. */
  migrateValue: 'envguard.migrateValue',
  allowKey: 'envguard.allowKey',
  ignoreInline: 'envguard.ignoreInline',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
