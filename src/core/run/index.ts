export { loadEnvFiles, type LoadedEnvironment, type LoadedVariable, type LoadOptions } from './load';
export { resolveReferences, type SecretSource, type ResolvedValue, type ReferenceToResolve, type ResolutionFailure, type ResolutionResult } from './resolve';
export { RedactingStream, MIN_REDACTED_LENGTH } from './redact';
export { runChild, CommandNotFoundError, type ChildOptions } from './spawn';
export { InterpolationError } from './program-values';
