export * from './model';
export { parseEnv, parseWith, grammarOf } from './parse';
export { reparseEnv, reparseWith } from './reparse';
export { printEnv, toRecord, effectiveEntries, duplicateKeys, byteSpan, type DuplicateKey } from './document';
export { planValueEdits, replaceValue, replaceValues, replaceableSpan, type OtherReading, type TextChange, type ValueEdits, type ValueReplacement } from './edit';
export { formatValue, formatCandidates, UnrepresentableValueError } from './quote';
export type { DialectName, Grammar, GrammarFailure } from './grammar';
