export * from './types';
export { planMigration, isBlocked, type PlanOptions } from './plan';
export { assertInsideProject, executeMigration, writeFileAtomically, type ExecuteOptions, type FileWriter } from './execute';
export { groupFailures, groupProblems, itemPlace, problemCount, problemSubject } from './report';
