// The one path the worker bundles: re-exports only.
export { probeReadiness } from './probe-readiness';
export { analyzeRepository, phaseQuery, type AnalyzeRepositoryInput, type AnalyzeRepositoryResult } from './analyze-repository';
