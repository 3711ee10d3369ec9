export { findProjectRoot, configChain, type ProjectRoot, type ProjectRootSource } from './root';
export { environmentOf, DEFAULT_ENVIRONMENT, type FileEnvironment } from './environment';
export { projectLayout, defaultProjectName, type ProjectLayout, type ProjectFile } from './layout';
export { ProjectRegistry, ProjectNameTakenError, REGISTRY_FILE_NAME, type RegisteredProject, type ConfirmedVault } from './registry';
export { ProjectFinder } from './context';
export { LocalAccess, remedyCommand, type Requester, type AccessRemedy, type AccessRefusal } from './access';
export { recordProjectName, withProjectName, withShare, updateShare } from './record-name';
export { localSecretAuthorizer, requesterOf } from './requester';
export { LoaderFinder, DEFAULT_LOADERS, LOADER_SIGNAL_FILES, type FileLoaders } from './loaders';
