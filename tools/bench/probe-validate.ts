// Benchmark probe: one `validate()` run, as `pwc validate` does it, timed from inside the process.
import { validate } from '../checks/validate.ts';
import { reportProbe } from './section.ts';

const [root, since] = process.argv.slice(2);
const started = performance.now();
const result = await validate({ root, ...(since ? { changedSince: since } : {}) });
const seconds = (performance.now() - started) / 1000;
reportProbe({ seconds, checked: result.checked.length, errors: result.findings.filter((f) => f.severity === 'error').length, warnings: result.findings.filter((f) => f.severity === 'warning').length });
