export * from './types';
export { planMigration, isBlocked, type PlanOptions } from './plan';
export { executeMigration, type ExecuteOptions } from './execute';
