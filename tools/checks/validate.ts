// The validator's public entry point: `validate` checks a data root (every file, or only what a
// change can affect) and returns its findings. The run itself (cache, git, workers) is in engine/.
export { CACHE_DIR, validate, type ValidateOptions, type Validation } from './engine/validate.ts';
