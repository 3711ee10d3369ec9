export * from './types';
export * from './parse';
export * from './format';
export * from './malformed';
export type { ReferenceSyntax } from './syntax';
