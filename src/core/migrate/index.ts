export * from './types';
export { planMigration, isBlocked, restrictPlan, type PlanOptions } from './plan';
export { migrationSources, prepareProjects, nameTakenMessage, type SourceOptions, type MigrationSources } from './sources';
export { executeMigration, writeFileAtomically, type ExecuteOptions, type FileWriter } from './execute';
export { sourceTags, isOwnSecret, TAG_PROJECT, TAG_ENVIRONMENT, TAG_SOURCE_FILE, TAG_SOURCE_KEY } from './origin';
export { assertInsideProject } from './execute';
export { groupFailures, groupProblems, itemPlace, problemCount, problemSubject } from './report';
