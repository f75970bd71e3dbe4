// docs/rules.md is generated: this fails when it is not what the catalogue and examples give today.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from './catalog.ts';
import { CROSS_FILE_READS } from './rule.ts';
import { renderRulesDoc, RULES_DOC_PATH, showBytes } from './rules-doc.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('docs/rules.md', () => {
  const doc = renderRulesDoc();

  it('is current (regenerate with `npx tsx tools/checks/write-rules-doc.ts`)', () => {
    expect(readFileSync(root + RULES_DOC_PATH, 'utf8')).toBe(doc);
  });

  it('has a heading, hence an anchor docs/rules.md#<id>, for every rule and for internal', () => {
    for (const id of [...rules.map((r) => r.id), 'internal']) {
      expect(doc).toContain(`\n### ${id}\n`);
      expect(doc).toContain(`[${id}](#${id})`);
    }
  });

  it('shows each rule\'s severity, title, description and the findings of its fail example', () => {
    for (const rule of rules) {
      const section = doc.slice(doc.indexOf(`\n### ${rule.id}\n`)).split('\n### ')[1];
      expect(section).toContain(`**${rule.severity}** · ${rule.title}`);
      expect(section).toContain(rule.description);
      expect(section).toMatch(new RegExp(`:\\d+:\\d+: ${rule.severity} ${rule.id}: `));
    }
  });

  it('shows what each rule across files reads, and what each read means', () => {
    for (const rule of rules) {
      const section = doc.slice(doc.indexOf(`\n### ${rule.id}\n`)).split('\n### ')[1];
      if (rule.scope !== 'repository') expect(section).not.toContain('Reads across files:');
      else for (const read of rule.reads) expect(section).toMatch(new RegExp(`Reads across files: .*\`${read}\``));
    }
    for (const read of Object.keys(CROSS_FILE_READS)) expect(doc).toContain(`| \`${read}\` | `);
  });

  it('spells out bytes an editor would not show', () => {
    expect(showBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x09, 0x62, 0xe9, 0x00]))).toBe('<BOM>a<CR>\n<TAB>b<0xE9><NUL>');
    expect(showBytes(new TextEncoder().encode('Hervé Jégou'))).toBe('Hervé Jégou');
  });
});
