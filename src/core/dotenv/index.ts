export * from './model';
export { parseEnv } from './parse';
export { printEnv, toRecord, effectiveEntries, duplicateKeys, byteSpan } from './document';
export { replaceValue, replaceValues, replaceableSpan, type ValueReplacement } from './edit';
export { formatValue, formatCandidates, UnrepresentableValueError } from './quote';
