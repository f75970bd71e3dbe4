// collectGarbage really collects, whether or not node runs with --expose-gc.
import { describe, expect, it } from 'vitest';
import { collectGarbage } from './heap.ts';

describe('collectGarbage', () => {
  it('reclaims an object nothing refers to any more', async () => {
    const ref = new WeakRef({ payload: new Array(100_000).fill(1) });
    // A WeakRef's target stays alive until the end of the current job.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });

  it('can run again', () => {
    expect(() => {
      collectGarbage();
      collectGarbage();
    }).not.toThrow();
  });
});
