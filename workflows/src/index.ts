// The one path the worker bundles: re-exports only.
export { probeReadiness } from './probe-readiness';
