export { loadEnvFiles, type LoadedEnvironment, type LoadedVariable, type LoadOptions } from './load';
export { resolveReferences, type SecretSource, type ResolvedValue, type ReferenceToResolve, type ResolutionFailure, type ResolutionResult } from '../resolve';
export { RedactingStream, createRedactingStream, Redaction, type RedactionOptions, MIN_REDACTED_LENGTH, MIN_FRAGMENT_BYTES, MIN_BASE64_CORE } from './redact';
export { runChild, CommandNotExecutableError, CommandNotFoundError, type ChildOptions } from './spawn';
export { InterpolationError } from './program-values';
