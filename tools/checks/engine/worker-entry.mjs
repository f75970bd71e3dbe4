// Worker thread entry: lets the thread load TypeScript through tsx (as bin/pwc.mjs does), then runs worker-main.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
