// Every `pwc` command, in the order `pwc --help` lists them.
import type { Command } from '../command.ts';

export const commands: Command[] = [];
