// The body of a validation worker thread: checks the batches of paths it is sent, one reply per batch.
import { parentPort, workerData } from 'node:worker_threads';
import { checkFileOnDisk, type CheckedFile } from './worker-job.ts';

export interface WorkerBatch {
  id: number;
  paths: string[];
  /** Per path, the content hash the cache holds (the file is then only hashed if it still has it). */
  expect?: (string | null)[];
}

export interface WorkerReply {
  id: number;
  /** One entry per path, in order; null for a path that no longer exists. */
  files: (CheckedFile | null)[];
}

const root: string = (workerData as { root: string }).root;

parentPort!.on('message', (batch: WorkerBatch) => {
  const files = batch.paths.map((path, i) => checkFileOnDisk(root, path, batch.expect?.[i] ?? undefined) ?? null);
  parentPort!.postMessage({ id: batch.id, files } satisfies WorkerReply);
});
