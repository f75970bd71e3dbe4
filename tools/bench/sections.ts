// The benchmark sections `npm run bench` runs, in order; each lives in its own file.
import type { BenchSection } from './section.ts';
import { validateSection } from './validate-section.ts';
import { generateSection } from './generate.ts';
import { bundleSection } from './bundle.ts';
import { importPwcSection } from './import-pwc.ts';
import { reviewSection } from './review-section.ts';
import { siteSection } from './site-section.ts';

export const sections: BenchSection[] = [validateSection, generateSection, bundleSection, importPwcSection, reviewSection, siteSection];
