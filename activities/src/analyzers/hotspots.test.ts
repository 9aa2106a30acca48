import { describe, expect, it } from 'vitest';
import { createEslintAnalyzer } from './eslint';
import { analyzeFiles, defaultConfig } from './index';
import { makeTree } from './test-helpers';

const DOM = 'eslint/no-unsanitized/property';
const DOM_CALL = 'eslint/no-unsanitized/method';
const TIMING = 'eslint/security/detect-possible-timing-attacks';

async function lint(files: Record<string, string>, rules: string[]): Promise<string[]> {
  const tree = await makeTree(files);
  try {
    const analyzer = createEslintAnalyzer();
    const findings = await analyzer.analyze({ root: tree.dir, files: Object.keys(files).filter((f) => analyzer.appliesTo(f)) });
    return findings.filter((f) => rules.includes(f.ruleId)).map((f) => `${f.path}:${f.startLine} ${f.ruleId} ${f.severity}`);
  } finally {
    await tree.cleanup();
  }
}

describe('DOM sink hotspots (no-unsanitized)', () => {
  it('does not report compile-time constants, and reports other values as low "review" hotspots', async () => {
    const found = await lint(
      {
        'src/ui.ts': [
          "const ICON = '<svg></svg>';", // 1
          "const LABELS = { ok: '<b>ok</b>', ko: `<i>${ICON}</i>` };", // 2
          'const ROWS = [ICON, "<br>"];', // 3
          'export function paint(el: HTMLElement, kind: "ok" | "ko", text: string, html: string): void {', // 4
          "  el.innerHTML = ICON + '<span>' + LABELS.ok + '</span>';", // 5: constant
          '  el.innerHTML = LABELS[kind];', // 6: member of a constant object
          "  el.innerHTML = ROWS.join('');", // 7: join of a constant array
          "  el.innerHTML = kind === 'ok' ? `<p>${ICON}</p>` : (ICON as string);", // 8: constant either way
          '  el.innerHTML = `<p>${text}</p>`;', // 9: a template with a non-constant part
          '  el.innerHTML = snarkdown(html);', // 10: not a constant, not known to be tainted
          "  el.insertAdjacentHTML('beforeend', ICON);", // 11: constant argument
          "  el.insertAdjacentHTML('beforeend', html);", // 12
          '}',
          'declare function snarkdown(s: string): string;',
          '',
        ].join('\n'),
      },
      [DOM, DOM_CALL],
    );
    expect(found).toEqual([`src/ui.ts:9 ${DOM} low`, `src/ui.ts:10 ${DOM} low`, `src/ui.ts:12 ${DOM_CALL} low`]);
  });

  it('Argus\'s structural DOM-sink rule defers to ESLint where ESLint linted the file', async () => {
    const tree = await makeTree({
      'src/ok.js': "const LABELS = { ok: '<b>ok</b>' };\nexport const paint = (el, kind) => { el.innerHTML = LABELS[kind]; };\n",
      'src/dyn.js': 'export const paint = (el, html) => { el.innerHTML = html; };\n',
      'src/broken.js': 'export const paint = (el, html) => { el.innerHTML = html; };\nconst = ;\n',
    });
    try {
      const findings = await analyzeFiles({ root: tree.dir, files: ['src/broken.js', 'src/dyn.js', 'src/ok.js'], config: defaultConfig() });
      const xss = findings.filter((f) => f.cwe?.includes('CWE-79')).map((f) => `${f.path}:${f.startLine} ${f.ruleId} ${f.severity}`);
      // A file ESLint cannot parse keeps the structural rule's finding.
      expect(xss).toEqual([`src/broken.js:1 argus/no-inner-html low`, `src/dyn.js:1 ${DOM} low`]);
    } finally {
      await tree.cleanup();
    }
  });

  it('a reassigned name is not a constant', async () => {
    const found = await lint({ 'src/a.js': "let html = '<b>x</b>';\nhtml = location.hash;\ndocument.body.innerHTML = html;\n" }, [DOM]);
    expect(found).toEqual([`src/a.js:3 ${DOM} low`]);
  });

  it('a taint flow of URL data to the sink outranks the review hotspot', async () => {
    const tree = await makeTree({ 'src/page.js': "const q = new URLSearchParams(location.search).get('q');\ndocument.getElementById('out').innerHTML = '<p>' + q + '</p>';\n" });
    try {
      const findings = await analyzeFiles({ root: tree.dir, files: ['src/page.js'], config: defaultConfig() });
      const xss = findings.filter((f) => f.cwe?.includes('CWE-79'));
      expect(xss.map((f) => `${f.startLine} ${f.ruleId} ${f.severity}`)).toEqual([expect.stringMatching(/^2 taint\/\S+ (high|critical)$/)]);
    } finally {
      await tree.cleanup();
    }
  });
});

describe('timing-attack hotspots', () => {
  it('reports secret-like comparisons in server code, and the plugin\'s looser names as low hotspots', async () => {
    const found = await lint(
      {
        'routes/reset.js': [
          "const express = require('express');", // 1
          'module.exports = (req, res, token, user, password, apiKey) => {', // 2
          '  if (req.query.token === token) res.send(1);', // 3: secret-like member, server → medium
          '  if (user.passwordHash == req.body.hash) res.send(2);', // 4: secret-like → medium
          '  if (req.headers.signature !== expectedSignature(req)) res.send(3);', // 5: signature → medium
          '  if (password === user.password) res.send(4);', // 6: loose name → low review
          '  if (token === null) res.send(5);', // 7: compared with a literal: no leak
          "  if (apiKey !== undefined && apiKey === '') res.send(6);", // 8: not a plain comparison
          '  if (req.query.page === user.page) res.send(7);', // 9: no secret
          '};',
          'function expectedSignature() { return express; }',
          '',
        ].join('\n'),
      },
      [TIMING],
    );
    expect(found).toEqual([`routes/reset.js:3 ${TIMING} medium`, `routes/reset.js:4 ${TIMING} medium`, `routes/reset.js:5 ${TIMING} medium`, `routes/reset.js:6 ${TIMING} low`]);
  });

  it('does not report comparisons in browser-side code (the attacker would time their own browser)', async () => {
    const found = await lint(
      {
        'src/app/change-password.component.ts': [
          "import { Component } from '@angular/core';", // 1
          '@Component({ selector: "x" })',
          'export class ChangePassword {',
          '  check(password: string, passwordRepeat: string, token: string, savedToken: string) {',
          '    if (password !== passwordRepeat) return { notSame: true };', // 5
          '    if (token === savedToken) return null;', // 6
          '    return null;',
          '  }',
          '}',
          '',
        ].join('\n'),
        'public/js/form.js': 'export function same(password, other) {\n  if (password === other) return true;\n  return false;\n}\n',
        'lib/dom.js': "export function f(token, t) {\n  if (token === t) document.title = 'x';\n}\n",
        'lib/server.js': 'export function f(token, t) {\n  if (token === t) return 1;\n  return 0;\n}\n',
      },
      [TIMING],
    );
    expect(found).toEqual([`lib/server.js:2 ${TIMING} medium`]);
  });
});
