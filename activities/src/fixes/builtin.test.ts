import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanWithAstGrep } from '../analyzers/ast-grep';
import { createEslintAnalyzer } from '../analyzers/eslint';
import { checkPythonSource, createRuffWorkspace } from '../analyzers/ruff';
import { writeFile } from 'node:fs/promises';
import { builtinMayFix, createBuiltinProvider } from './builtin';
import { FixFailure, type FixFinding, type ProviderAnswer } from './types';

// The builtin provider on real analyzer output: each finding comes from the analyzer itself, the fix from ESLint's
// fixers and suggestions, Ruff's fixes or Argus's ast-grep rewrites, and the fixed text is analyzed again.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'argus-builtin-fix-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const provider = createBuiltinProvider();

async function eslintFindings(rel: string, text: string) {
  await writeFile(path.join(root, rel), text);
  return createEslintAnalyzer().analyze({ root, files: [rel] });
}

function asFinding(f: { ruleId: string; path: string; startLine: number; startColumn: number; endLine: number; endColumn: number; message: string; snippet: string }, tool: string): FixFinding {
  return { id: 'f1', tool, helpUrl: null, ...f };
}

function contentOf(answer: ProviderAnswer): string {
  if (answer.kind !== 'content') throw new Error('expected content');
  return answer.content;
}

describe('builtin provider', () => {
  it('applies ESLint’s suggestion for eqeqeq to that one comparison only', async () => {
    const text = "function isAdmin(user) {\n  return user.role == 'admin';\n}\nfunction isGuest(user) {\n  return user.role == 'guest';\n}\nmodule.exports = { isAdmin, isGuest };\n";
    const found = (await eslintFindings('roles.js', text)).filter((f) => f.ruleId === 'eslint/eqeqeq');
    expect(found).toHaveLength(2);
    const answer = await provider.generate({ finding: asFinding(found[0]!, 'eslint'), source: text, root });
    const fixed = contentOf(answer);
    expect(fixed).toContain("user.role === 'admin'");
    expect(fixed).toContain("user.role == 'guest'");
    expect(answer.explanation).toMatch(/does not convert types/);
    expect((await eslintFindings('roles.js', fixed)).filter((f) => f.ruleId === 'eslint/eqeqeq')).toHaveLength(1);
  });

  it('removes an unused variable through ESLint’s suggestion', async () => {
    const text = 'export function run(formula) {\n  const unusedCounter = 0;\n  return formula;\n}\n';
    const [finding] = (await eslintFindings('unused.js', text)).filter((f) => f.ruleId === 'eslint/no-unused-vars');
    const fixed = contentOf(await provider.generate({ finding: asFinding(finding!, 'eslint'), source: text, root }));
    expect(fixed).not.toContain('unusedCounter');
    expect((await eslintFindings('unused.js', fixed)).some((f) => f.ruleId === 'eslint/no-unused-vars')).toBe(false);
  });

  it('uses ESLint’s fixer for fixable rules (prefer-const in TypeScript)', async () => {
    const text = 'export function total(values: number[]): number {\n  let sum = 0;\n  let factor = 2;\n  for (const v of values) sum += v;\n  return sum * factor;\n}\n';
    const [finding] = (await eslintFindings('total.ts', text)).filter((f) => f.ruleId === 'eslint/prefer-const');
    const fixed = contentOf(await provider.generate({ finding: asFinding(finding!, 'eslint'), source: text, root }));
    expect(fixed).toContain('const factor = 2;');
    expect(fixed).toContain('let sum = 0;');
  });

  it('applies Ruff’s safe fix (F401 unused import) and nothing else', () => {
    const text = 'import os\nimport sys\n\n\ndef main():\n    return sys.argv\n';
    const ws = createRuffWorkspace();
    const [finding] = checkPythonSource(ws, 'tool.py', text).filter((f) => f.ruleId === 'ruff/F401');
    ws.free();
    return provider.generate({ finding: asFinding(finding!, 'ruff'), source: text, root }).then((answer) => {
      expect(contentOf(answer)).toBe('import sys\n\n\ndef main():\n    return sys.argv\n');
      expect(answer.model).toBe('ruff');
    });
  });

  it('rewrites a loose null check with ast-grep, only for side-effect-free operands', async () => {
    const text = 'export function missing(user) {\n  if (user.name == null) return true;\n  return load() != null;\n}\n';
    const findings = scanWithAstGrep('nulls.js', text).filter((f) => f.ruleId === 'argus/loose-null-check');
    expect(findings).toHaveLength(2);
    const fixed = contentOf(await provider.generate({ finding: asFinding(findings[0]!, 'ast-grep'), source: text, root }));
    expect(fixed).toContain('if (user.name === null || user.name === undefined) return true;');
    expect(scanWithAstGrep('nulls.js', fixed).filter((f) => f.ruleId === 'argus/loose-null-check')).toHaveLength(1);
    // load() would run twice in the expanded form: no fix.
    await expect(provider.generate({ finding: asFinding(findings[1]!, 'ast-grep'), source: text, root })).rejects.toMatchObject({ type: 'NoFixAvailable' });
  });

  it('turns TLS verification back on', async () => {
    const text = "import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n";
    const [finding] = scanWithAstGrep('agent.ts', text).filter((f) => f.ruleId === 'argus/tls-verification-disabled');
    const fixed = contentOf(await provider.generate({ finding: asFinding(finding!, 'ast-grep'), source: text, root }));
    expect(fixed).toContain('rejectUnauthorized: true');
    expect(scanWithAstGrep('agent.ts', fixed).some((f) => f.ruleId === 'argus/tls-verification-disabled')).toBe(false);
  });

  it('says so when there is no built-in fix', async () => {
    const text = 'export function run(formula) {\n  return eval(formula);\n}\n';
    const [finding] = (await eslintFindings('evil.js', text)).filter((f) => f.ruleId === 'eslint/no-eval');
    const err = await provider.generate({ finding: asFinding(finding!, 'eslint'), source: text, root }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FixFailure);
    expect(err).toMatchObject({ type: 'NoFixAvailable' });
    expect((err as Error).message).toContain('eslint/no-eval');
  });

  it('knows without a checkout which rules it may fix', () => {
    expect(builtinMayFix('eslint/eqeqeq')).toBe(true);
    expect(builtinMayFix('eslint/prefer-const')).toBe(true);
    expect(builtinMayFix('eslint/no-unused-vars')).toBe(true);
    expect(builtinMayFix('eslint/no-empty')).toBe(false); // its suggestion is only "add a comment"
    expect(builtinMayFix('eslint/no-eval')).toBe(false);
    expect(builtinMayFix('ruff/F401')).toBe(true);
    expect(builtinMayFix('ruff/F841')).toBe(false); // Ruff marks that fix unsafe
    expect(builtinMayFix('argus/loose-null-check')).toBe(true);
    expect(builtinMayFix('secrets/aws-access-key-id')).toBe(false);
  });
});
