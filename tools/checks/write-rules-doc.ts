// Writes docs/rules.md from the rule catalogue and examples: `npx tsx tools/checks/write-rules-doc.ts`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRulesDoc, RULES_DOC_PATH } from './rules-doc.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const target = join(root, RULES_DOC_PATH);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderRulesDoc());
process.stdout.write(`wrote ${RULES_DOC_PATH}\n`);
