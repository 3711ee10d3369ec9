export { analyzeEnvText, DocumentAnalyzer, type EnvAnalysis } from './analyze';
export { scanTargets, type ScanOptions, type ScanReport } from './scan';
