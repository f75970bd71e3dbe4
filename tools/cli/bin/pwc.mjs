#!/usr/bin/env node
// The `pwc` executable: lets Node run the TypeScript sources directly, then hands over to main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main.ts');
process.exitCode = await main(process.argv.slice(2));
