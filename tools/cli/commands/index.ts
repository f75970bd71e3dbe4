// Every `pwc` command, in the order `pwc --help` lists them.
import type { Command } from '../command.ts';
import { schemasCommand } from './schemas.ts';
import { fix } from './fix.ts';
import { bundleCommand } from './bundle.ts';
import { generateCommand } from './generate.ts';
import { reviewCommand } from './review.ts';
import { postReviewCommand } from './post-review.ts';

export const commands: Command[] = [
  schemasCommand,
  fix,
  bundleCommand,
  generateCommand,
  reviewCommand,
  postReviewCommand,
];
