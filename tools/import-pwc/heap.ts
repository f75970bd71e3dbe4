// Gives memory back between the import's steps: a full garbage collection once a step's data is let go.
//
// Why: V8 lets the heap grow to a multiple (up to 4x on a machine with much memory) of what was
// alive at its last full collection. The import lets go of nearly everything it built (the
// archive, the layout, the pre-flight's repositories) just before the output is validated, which
// builds a repository of its own; without a collection there, that garbage and the validator's
// data were in memory together (a re-import peaked at 1.9 GB at full scale; 874 MB with these
// collections). A collection costs well under a second at these sizes and changes nothing but
// when memory is reclaimed.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** V8's own `gc()`: the global one when node runs with --expose-gc, else taken from a new context (as jest-leak-detector does). */
function collector(): () => void {
  const global = (globalThis as { gc?: () => void }).gc;
  if (typeof global === 'function') return global;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  setFlagsFromString('--no-expose-gc');
  return gc;
}

/** Runs a full garbage collection now. */
export function collectGarbage(): void {
  collect ??= collector();
  collect();
}
