import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Real code from node_modules, in a fixed order, so every run of `bench:analysis` analyses the same tree.
 * Each entry is a folder of one package; `dist`/`build` segments are renamed, since discovery skips them as generated.
 */
const SOURCES = [
  'eslint/lib',
  '@typescript-eslint/eslint-plugin/dist',
  '@typescript-eslint/typescript-estree/dist',
  '@typescript-eslint/scope-manager/dist',
  '@typescript-eslint/utils/dist',
  'rxjs/src',
  'zod/src',
  '@babel/parser/lib',
  '@babel/traverse/lib',
  '@babel/types/lib',
  '@babel/generator/lib',
  'ajv/lib',
  'yaml/dist',
  'knex/lib',
  'eslint-plugin-sonarjs/cjs',
  'lodash',
  'date-fns',
];
const CODE = /\.(?:[cm]?js|[cm]?ts|tsx|jsx)$/;
const MAX_BYTES = 512 * 1024;

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name === 'node_modules') continue;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(abs)));
    else if (e.isFile() && CODE.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name) && !/[.-]min\.[cm]?js$/.test(e.name)) out.push(abs);
  }
  return out;
}

/** Copies source files of SOURCES into `dest` until at least `minFiles` are in (whole folders, in order). */
export async function buildAnalysisTree(modulesDir: string, dest: string, minFiles = 5200): Promise<{ files: number; sources: string[] }> {
  let files = 0;
  const used: string[] = [];
  for (const src of SOURCES) {
    if (files >= minFiles) break;
    const abs = path.join(modulesDir, src);
    const found = await stat(abs).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!found) continue;
    used.push(src);
    for (const file of await walk(abs)) {
      if ((await stat(file)).size > MAX_BYTES) continue;
      const rel = path
        .relative(modulesDir, file)
        .split(path.sep)
        .map((seg) => (seg === 'dist' || seg === 'build' ? `_${seg}` : seg))
        .join('/');
      const target = path.join(dest, rel);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(file, target);
      files++;
    }
  }
  return { files, sources: used };
}
