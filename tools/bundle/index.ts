// The bundle stage's public surface: what the CLI, the release and the bench call.
export { buildBundle, bundleFromRepository, BUNDLE_FILE_NAMES, DATA_GZ_NAME, DATA_NAME, SCHEMA_NAME, TYPES_NAME, type Bundle, type BuiltBundle } from './build.ts';
export { FLAT_COLUMNS, FLAT_CSV_GZ_NAME, FLAT_PARQUET_NAME, flatTable, type FlatColumn, type FlatRow, type FlatTable } from './flat.ts';
export { buildBundleIncrementally, type IncrementalOptions, type IncrementalStats } from './incremental.ts';
export { BundleError, bundleData, resultRowId, ROW_ID_SEPARATOR, type BundleSource } from './contents.ts';
export { readGitSource, readGitState } from './git-source.ts';
export { loadRepositoryStrict } from './load.ts';
export { MANIFEST_NAME, type BundleFile } from './manifest.ts';
export { BundleVerifyError, parseBundleData, verifyBundleDir } from './read.ts';
export * from './schema.ts';
export { bundleDataProblems, manifestProblems } from './validate.ts';
export { BundleOutputError, writeBundle } from './write.ts';
