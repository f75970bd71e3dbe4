// Checks many files in worker threads (parsing dominates a cold run): batches of paths go to each
// worker, CheckedFiles come back. A worker that fails has its batches redone in this thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerBatch, WorkerReply } from './worker-main.ts';
import { checkFileOnDisk, type CheckedFile } from './worker-job.ts';

const BATCH = 200;
/** Batches queued per worker, so it never waits for the main thread between two. */
const IN_FLIGHT = 3;

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/** Calls `onFile` once per path (null when the path no longer exists), in no particular order. */
export async function checkFilesInWorkers(
  root: string,
  paths: readonly string[],
  workerCount: number,
  onFile: (path: string, file: CheckedFile | null) => void,
  expect?: readonly (string | null)[],
): Promise<void> {
  const batches: WorkerBatch[] = [];
  for (let i = 0; i < paths.length; i += BATCH) {
    batches.push({ id: batches.length, paths: paths.slice(i, i + BATCH), ...(expect ? { expect: expect.slice(i, i + BATCH) } : {}) });
  }
  let next = 0;
  const take = (): WorkerBatch | undefined => (next < batches.length ? batches[next++] : undefined);
  const deliver = (batch: WorkerBatch, files: readonly (CheckedFile | null)[]) => batch.paths.forEach((path, i) => onFile(path, files[i] ?? null));
  const inThisThread = (batch: WorkerBatch) => deliver(batch, batch.paths.map((p, i) => checkFileOnDisk(root, p, batch.expect?.[i] ?? undefined) ?? null));

  const runWorker = () =>
    new Promise<void>((resolve) => {
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: { root } });
      const pending = new Map<number, WorkerBatch>();
      let settled = false;
      const settle = (lost: WorkerBatch[]) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        for (const batch of lost) inThisThread(batch);
        resolve();
      };
      const feed = () => {
        while (pending.size < IN_FLIGHT) {
          const batch = take();
          if (!batch) break;
          pending.set(batch.id, batch);
          worker.postMessage(batch);
        }
        if (pending.size === 0) settle([]);
      };
      const fail = () => {
        const lost = [...pending.values()];
        pending.clear();
        settle(lost);
      };
      worker.on('message', (reply: WorkerReply) => {
        const batch = pending.get(reply.id);
        if (!batch) return;
        pending.delete(reply.id);
        deliver(batch, reply.files);
        feed();
      });
      worker.on('error', fail);
      worker.on('exit', fail);
      feed();
    });

  const count = Math.max(1, Math.min(workerCount, batches.length));
  if (batches.length > 0) await Promise.all(Array.from({ length: count }, runWorker));
  // Whatever no worker took (every worker failed) is done here.
  for (let batch = take(); batch; batch = take()) inThisThread(batch);
}
