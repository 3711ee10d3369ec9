export * from './model';
export { parseEnv } from './parse';
export { reparseEnv } from './reparse';
export { printEnv, toRecord, effectiveEntries, duplicateKeys, byteSpan, type DuplicateKey } from './document';
export { planValueEdits, replaceValue, replaceValues, replaceableSpan, type TextChange, type ValueEdits, type ValueReplacement } from './edit';
export { formatValue, formatCandidates, UnrepresentableValueError } from './quote';
