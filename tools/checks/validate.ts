// The validator's public entry point: `validate` checks a data root (every file, or only what a
// change can affect) and returns its findings. The run itself (cache, git, workers) is in engine/.
// Other stages read what a run left behind only through `validatedBlobs` and `validatorVersion`.
export { CACHE_DIR, validate, type ValidateOptions, type Validation } from './engine/validate.ts';
export { validatedBlobs, type ValidatedBlobs } from './engine/validated-blobs.ts';
/** The version of the rules and engine: data valid under another version may not be valid under this one. */
export { toolsKey as validatorVersion } from './engine/cache.ts';
