export { resolveReferences, type GatedResolution, type SecretSource, type ResolvedValue, type ReferenceToResolve, type ResolutionFailure, type ResolutionResult } from './resolve';
export { resolveEnvironment, type EnvironmentSpec, type ResolvedEnvironment } from './environment';
