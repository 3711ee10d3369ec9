export * from './types';
export { planMigration, isBlocked, type PlanOptions } from './plan';
export { executeMigration, writeFileAtomically, type ExecuteOptions, type FileWriter } from './execute';
