// Worker thread entry of changedPagesAside: lets the thread load TypeScript through tsx (as bin/pwc.mjs does), then runs changed-pages-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./changed-pages-worker.ts');
