// Every `pwc` command, in the order `pwc --help` lists them.
import type { Command } from '../command.ts';
import { schemasCommand } from './schemas.ts';

export const commands: Command[] = [
  schemasCommand,
];
