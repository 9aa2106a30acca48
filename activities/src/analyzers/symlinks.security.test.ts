import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource, readSourceSync, realPathInRoot } from './source';
import { loadArgusConfig } from './config';

// A checkout with symlinks that point out of it (like `src/x.js -> /proc/self/environ`), on the real file system.
let base: string;
let repo: string;
const SECRET = 'WORKER_SECRET=do-not-leak-0123456789';
beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'argus-symlinks-'));
  repo = path.join(base, 'repo');
  await mkdir(path.join(repo, 'src'), { recursive: true });
  await writeFile(path.join(base, 'outside.env'), SECRET);
  await writeFile(path.join(repo, 'src', 'real.js'), 'export const ok = 1;\n');
  await symlink(path.join(base, 'outside.env'), path.join(repo, 'src', 'x.js'));
  await symlink('/proc/self/environ', path.join(repo, 'src', 'environ.js'));
  await symlink('../..', path.join(repo, 'src', 'up'));
  await symlink('real.js', path.join(repo, 'src', 'alias.js'));
  await symlink(path.join(base, 'outside.env'), path.join(repo, '.argus.yml'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('never following a symlink out of the checkout', () => {
  it.each(['src/x.js', 'src/environ.js', 'src/up/outside.env'])('refuses to read %s', async (rel) => {
    await expect(readSource(repo, rel)).rejects.toThrow(/symbolic link out of the repository|outside the repository/);
  });

  it.each(['src/x.js', 'src/environ.js', 'src/up/outside.env'])('refuses to read %s synchronously too (the taint engine loads imports so)', (rel) => {
    expect(() => readSourceSync(repo, rel)).toThrow(/symbolic link out of the repository|outside the repository/);
  });

  it('refuses to resolve a write target through a symlink that leaves the checkout', async () => {
    await expect(realPathInRoot(repo, 'src/x.js')).rejects.toThrow(/symbolic link out of the repository/);
  });

  it('still reads ordinary files and symlinks that stay inside', async () => {
    expect(await readSource(repo, 'src/real.js')).toContain('ok = 1');
    expect(await readSource(repo, 'src/alias.js')).toContain('ok = 1');
    expect(readSourceSync(repo, 'src/alias.js')).toContain('ok = 1');
  });

  it('does not echo a symlinked config file into the run’s config errors', async () => {
    const loaded = await loadArgusConfig(repo);
    expect(JSON.stringify(loaded)).not.toContain('do-not-leak');
  });
});
