// For tests on real git repositories in temp folders: git run with a fixed identity and none of the caller's GIT_* variables.
import { execFileSync } from 'node:child_process';

/** A function running `git -C root ...args` synchronously, returning its trimmed stdout. */
export function gitIn(root: string): (...args: string[]) => string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  return (...args) => execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8', env }).trim();
}
