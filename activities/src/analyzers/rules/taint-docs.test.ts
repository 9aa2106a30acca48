import { describe, expect, it } from 'vitest';
import { findPythonTaintFlows } from '../taint/python';
import { allRuleDocs } from './catalogue';

/** The Python part of a labeled example (`// JavaScript … # Python …`), or null. */
function pythonPart(example: string | null): string | null {
  const at = example?.indexOf('# Python\n') ?? -1;
  return at < 0 ? null : example!.slice(at + '# Python\n'.length);
}

/** The example as the body of a Django view, so the engine sees `request` as the request. */
function inView(body: string): string {
  return ['import base64, json, operator, os, pickle, re, requests, subprocess', 'def view(request):', ...body.split('\n').map((l) => `    ${l}`), ''].join('\n');
}

describe('taint rule docs', () => {
  const taintDocs = allRuleDocs().filter((d) => d.tool === 'taint');

  it('are worded for every language their flows exist in, with Python examples where Python flows exist', () => {
    const python = taintDocs.filter((d) => d.language === 'any' || d.language === 'python').map((d) => d.id);
    expect(python).toEqual(
      expect.arrayContaining(['taint/code-injection', 'taint/command-injection', 'taint/sql-injection', 'taint/open-redirect', 'taint/ssrf', 'taint/path-traversal', 'taint/xss', 'taint/deserialization', 'taint/template-injection']),
    );
    for (const d of taintDocs.filter((x) => x.language === 'any')) {
      expect(d.noncompliant, d.id).toMatch(/^\/\/ JavaScript\n[\s\S]+\n\n# Python\n/);
      expect(d.compliant, d.id).toMatch(/^\/\/ JavaScript\n[\s\S]+\n\n# Python\n/);
      // Language-neutral: a rule that applies to Python does not explain itself in JavaScript terms only.
      expect(d.description, d.id).toMatch(/Python/);
      expect(`${d.why} ${d.fix}`, d.id).not.toMatch(/attacker's JavaScript/);
    }
  });

  it('have Python examples that the Python taint engine judges as documented', () => {
    for (const d of taintDocs.filter((x) => x.language === 'any')) {
      const kind = d.id.slice('taint/'.length);
      const bad = pythonPart(d.noncompliant);
      const good = pythonPart(d.compliant);
      if (bad === null || good === null) continue;
      expect(findPythonTaintFlows('app/views.py', inView(bad)).map((f) => f.kind), `${d.id} noncompliant`).toContain(kind);
      expect(findPythonTaintFlows('app/views.py', inView(good)).map((f) => f.kind), `${d.id} compliant`).not.toContain(kind);
    }
  });
});
