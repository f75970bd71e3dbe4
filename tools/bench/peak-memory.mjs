// Preloaded into a measured process (node --import): at exit it writes its peak resident memory in
// kB (the kernel's VmHWM, all threads; not its own child processes) to $PWC_PEAK_DIR/<pid>.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

process.on('exit', () => {
  const dir = process.env.PWC_PEAK_DIR;
  if (!dir) return;
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) writeFileSync(join(dir, String(process.pid)), hwm[1]);
  } catch {
    // not Linux: no figure
  }
});
