// Every `pwc` command, in the order `pwc --help` lists them.
import type { Command } from '../command.ts';
import { schemasCommand } from './schemas.ts';
import { bundleCommand } from './bundle.ts';

export const commands: Command[] = [
  schemasCommand,
  bundleCommand,
];
