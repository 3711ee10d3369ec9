export { analyzeEnvText, type EnvAnalysis } from './analyze';
export { scanTargets, mapConcurrent, type ScanOptions, type ScanReport } from './scan';
