// Every `pwc` command, in the order `pwc --help` lists them.
import type { Command } from '../command.ts';
import { schemasCommand } from './schemas.ts';
import { fix } from './fix.ts';
import { newCommand } from './new.ts';
import { bundleCommand } from './bundle.ts';
import { generateCommand } from './generate.ts';
import { reviewCommand } from './review.ts';
import { postReviewCommand } from './post-review.ts';
import { releaseCommand } from './release.ts';
import { validateCommand } from './validate.ts';
import { importPwcCommand } from './import-pwc.ts';

export const commands: Command[] = [
  validateCommand,
  schemasCommand,
  fix,
  newCommand,
  bundleCommand,
  generateCommand,
  reviewCommand,
  postReviewCommand,
  importPwcCommand,
  releaseCommand,
];
