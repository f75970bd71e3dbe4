// The worker thread's side of changedPagesAside: computes changedPages for the request it was started with and posts the answer.
import { parentPort, workerData } from 'node:worker_threads';
import { changedPages, type PageChangeRequest } from './changed-pages.ts';

const { root, base, head, changed } = workerData as PageChangeRequest;
parentPort?.postMessage(await changedPages(root, base, head, changed));
