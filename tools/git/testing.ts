// For tests on real git repositories in temp folders: git run with a fixed identity and none of the caller's GIT_* variables.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A function running `git -C root ...args` synchronously, returning its trimmed stdout. */
export function gitIn(root: string): (...args: string[]) => string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  return (...args) => execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8', env }).trim();
}

/** Writes `files` (path relative to root -> content) into root, a git repository made if there is none, and commits everything; returns the commit. */
export function commitFiles(root: string, files: Record<string, string | Uint8Array>, message: string): string {
  const git = gitIn(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  if (!existsSync(join(root, '.git'))) git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', message);
  return git('rev-parse', 'HEAD');
}
