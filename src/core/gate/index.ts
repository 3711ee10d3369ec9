export { AgentClient, type AgentLauncher, type PassphraseAnswerer } from './client';
export { KeyAgent, notSetUpHelp } from './key-agent';
export { GatedLocalVault } from './gated-vault';
export { agentReleaseGate, automationReleaseGate, type AgentAccess, type ReleaseGate, type ReleaseOutcome } from './release-gate';
export { VSCODE_CHANNEL_VARIABLE } from './release-request';
export { NO_CHANNEL_HELP } from './approval';
export { approvalSubject } from './channels';
export { readReleaseLog, releaseLogFile, type LoggedRecord } from './release-log';
export type { ApprovalDecision, ApprovalView, ChannelCredential, ClientInfo, PassphraseQuestion, ReleaseItem, ReleasePurpose, ReleaseResult } from './protocol';
