import { describe, expect, it } from 'vitest';
import { makeTree } from '../test-helpers';
import { createTaintAnalyzer } from './index';
import { findTaintFlows, parseModule } from './engine';

/** The flows of one file as `line kind` strings. */
function flowsOf(code: string, rel = 'src/app.js'): string[] {
  return findTaintFlows(parseModule(rel, code), { resolve: () => null }).map((f) => `${f.startLine} ${f.kind}`);
}

describe('taint engine', () => {
  it('follows request data through assignments, destructuring, templates and concatenation to each kind of sink', () => {
    const code = [
      "const { exec } = require('child_process');", // 1
      "const fs = require('fs');",
      "const axios = require('axios');",
      "app.get('/a', (req, res) => {",
      '  const { cmd } = req.query;', // 5
      '  const line = `run ${cmd}`;',
      '  exec(line);', // 7
      "  const file = '/data/' + req.params.name;",
      '  fs.readFileSync(file);', // 9
      '  axios.get(req.body.url);', // 10
      "  res.send('<p>' + req.query.q + '</p>');", // 11
      '  new RegExp(req.query.pattern);', // 12
      "  db.query(`SELECT * FROM t WHERE id = ${req.query.id}`);", // 13
      "  Users.find({ $where: 'this.a == ' + req.query.a });", // 14
      "  logger.info('user ' + req.get('x-user'));", // 15
      '  res.redirect(req.query.next);', // 16
      '  require(req.query.mod);', // 17
      '  eval(req.cookies.code);', // 18
      '});',
    ].join('\n');
    expect(flowsOf(code)).toEqual([
      '7 command-injection',
      '9 path-traversal',
      '10 ssrf',
      '11 xss',
      '12 regex-injection',
      '13 sql-injection',
      '14 nosql-injection',
      '15 log-injection',
      '16 open-redirect',
      '17 dynamic-import',
      '18 code-injection',
    ]);
  });

  it('is cut by sanitizers, conversions, guards and fixed prefixes', () => {
    const code = [
      "const { exec, execFile } = require('child_process');",
      "const path = require('path');",
      "const fs = require('fs');",
      "const ALLOWED = ['/', '/home'];",
      "router.get('/b', (req, res) => {",
      '  exec(`ping ${Number(req.query.n)}`);', // number
      '  fs.readFileSync(path.join(ROOT, path.basename(req.query.f)));', // basename
      "  res.send('<p>' + escapeHtml(req.query.q) + '</p>');", // escaping
      '  const next = req.query.next;',
      "  if (!ALLOWED.includes(next)) return res.redirect('/');", // guard with early exit
      '  res.redirect(next);',
      "  res.redirect('/users/' + req.params.id);", // relative path prefix
      '  axios.get(`https://api.example.com/items/${encodeURIComponent(req.query.id)}`);',
      "  db.query('SELECT * FROM t WHERE id = ?', [req.query.id]);", // parameterized
      '  Users.findOne({ name: String(req.body.name) });', // converted to a string
      "  logger.info({ user: req.body.user }, 'login');", // structured logging
      "  execFile('ls', ['-la']);",
      '  res.json({ q: req.query.q });',
      '});',
    ].join('\n');
    expect(flowsOf(code)).toEqual([]);
  });

  it('reports NoSQL operator injection only for raw body/query values, once per line', () => {
    const code = [
      "app.post('/login', async (req, res) => {",
      '  await User.findOne({ username: req.body.username, password: req.body.password });',
      '  await User.findOne({ id: req.params.id });', // route params are strings
      '  const filter = { email: req.body.email };',
      '  await User.find(filter);',
      '});',
    ].join('\n');
    expect(flowsOf(code)).toEqual(['2 nosql-injection', '5 nosql-injection']);
  });

  it('follows calls to functions of the same file, with the whole path', () => {
    const code = [
      "const cp = require('child_process');",
      'function build(host) {',
      "  return 'ping -c 1 ' + host;",
      '}',
      'function run(cmd) {',
      '  cp.execSync(cmd);', // 6
      '}',
      "app.get('/p', (req, res) => {",
      '  run(build(req.query.host));',
      '});',
    ].join('\n');
    const [flow] = findTaintFlows(parseModule('src/app.js', code), { resolve: () => null });
    expect(flow).toMatchObject({ kind: 'command-injection', startLine: 6, source: 'req.query.host' });
    expect(flow!.steps.map((s) => `${s.line} ${s.note}`)).toEqual([
      '9 source: req.query.host (data the client controls)',
      '9 passed to build()',
      '2 parameter host of build()',
      '3 built into a string',
      '9 returned from build()',
      '9 passed to run()',
      '5 parameter cmd of run()',
      '6 reaches cp.execSync()',
    ]);
  });

  it('does not report data the client does not control, or parameters of unrelated functions', () => {
    const code = [
      "const { exec } = require('child_process');",
      'function clean(dir) {',
      '  exec(`rm -rf ${dir}`);', // a caller decides; no request data reaches it here
      '}',
      'clean(process.env.TMP_DIR);',
      "exec('ls ' + __dirname);",
      'const q = config.query;',
      'db.query(`SELECT ${q}`);',
    ].join('\n');
    expect(flowsOf(code)).toEqual([]);
  });

  it('handles Koa contexts, Next.js route handlers, TypeScript and browser URL sources', () => {
    const koa = ["router.get('/k', async (ctx) => {", "  ctx.redirect(ctx.query.to);", '});'].join('\n');
    expect(flowsOf(koa)).toEqual(['2 open-redirect']);
    const next = [
      'export async function POST(request: Request) {',
      '  const body = (await request.json()) as { code: string };',
      '  return new Function(body.code)();',
      '}',
    ].join('\n');
    expect(flowsOf(next, 'app/api/run/route.ts')).toEqual(['3 code-injection']);
    const dom = ["const params = new URLSearchParams(location.search);", "document.getElementById('x').innerHTML = params.get('msg');"].join('\n');
    expect(flowsOf(dom, 'web/main.js')).toEqual(['2 xss']);
  });
});

describe('taint analyzer', () => {
  it('follows flows across relative imports (CommonJS and ES modules) and reports them at the sink with the path', async () => {
    const tree = await makeTree({
      'routes/users.js': [
        "const db = require('../lib/db');",
        "import { shell } from '../lib/shell.js';",
        "router.get('/u', (req, res) => {",
        '  db.byName(req.query.name);',
        '  shell(req.body.script);',
        '});',
      ].join('\n'),
      'lib/db.js': ['exports.byName = function (name) {', "  return pool.query(\"SELECT * FROM users WHERE name = '\" + name + \"'\");", '};'].join('\n'),
      'lib/shell.ts': ["import { execSync } from 'node:child_process';", 'export function shell(s: string) {', '  return execSync(s);', '}'].join('\n'),
    });
    try {
      const findings = await createTaintAnalyzer().analyze({ root: tree.dir, files: ['routes/users.js', 'lib/db.js', 'lib/shell.ts'] });
      expect(findings.map((f) => `${f.path}:${f.startLine} ${f.ruleId} ${f.severity}`)).toEqual(['lib/db.js:2 taint/sql-injection critical', 'lib/shell.ts:3 taint/command-injection critical']);
      const sql = findings[0]!;
      expect(sql.flow!.map((s) => `${s.path}:${s.line}`)).toEqual(['routes/users.js:4', 'routes/users.js:4', 'lib/db.js:1', 'lib/db.js:2', 'lib/db.js:2']);
      expect(sql.message).toContain('req.query.name reaches pool.query()');
      expect(sql.message).toContain('(routes/users.js:4) → ');
    } finally {
      await tree.cleanup();
    }
  });

  it('follows a flow at most three imports deep, counted along the shortest import path, whatever the file order', async () => {
    const forward = (next: string) => [`const n = require('./${next}');`, 'exports.run = function (v) { return n.run(v); };'].join('\n');
    const tree = await makeTree({
      // far.js → a → b → c → sink: the sink is four imports away.
      'far.js': ["const a = require('./a');", "app.get('/', (req, res) => a.run(req.query.x));"].join('\n'),
      // near.js takes the same path, but imports the sink itself too: it is one import away.
      'near.js': ["const a = require('./a');", "const sink = require('./sink');", "app.get('/', (req, res) => a.run(req.query.x));"].join('\n'),
      'a.js': forward('b'),
      'b.js': forward('c'),
      'c.js': forward('sink'),
      'sink.js': 'exports.run = function (v) { return eval(v); };',
    });
    try {
      const byOrigin = async (files: string[]) =>
        (await createTaintAnalyzer().analyze({ root: tree.dir, files })).map((f) => `${f.origin} ${f.path}:${f.startLine} ${f.ruleId}`).sort();
      expect(await byOrigin(['far.js'])).toEqual([]);
      expect(await byOrigin(['near.js'])).toEqual(['near.js sink.js:1 taint/code-injection']);
      expect(await byOrigin(['near.js', 'far.js'])).toEqual(['near.js sink.js:1 taint/code-injection']);
      expect(await byOrigin(['far.js', 'near.js'])).toEqual(['near.js sink.js:1 taint/code-injection']);
    } finally {
      await tree.cleanup();
    }
  });

  it('never follows an import out of the repository and survives code it cannot parse', async () => {
    const tree = await makeTree({
      'a.js': ["const x = require('../../etc/passwd');", "const y = require('./broken');", "app.get('/', (req, res) => y.run(req.query.a));"].join('\n'),
      'broken.js': 'exports.run = function (a) { eval(a) ',
    });
    try {
      const findings = await createTaintAnalyzer().analyze({ root: tree.dir, files: ['a.js', 'broken.js'] });
      // The broken file still parses partially (TypeScript recovers): the flow is found, nothing outside is read.
      expect(findings.every((f) => !f.path.startsWith('..'))).toBe(true);
    } finally {
      await tree.cleanup();
    }
  });
});

describe('taint engine: issue 16 fidelity additions', () => {
  it('treats a factory-returned handler with a typed Request as a handler, reports mathjs.eval, and skips one-argument update()', () => {
    const code = [
      "import { Request, Response } from 'express';",
      "import * as fs from 'fs';",
      "import mathjs from 'mathjs';",
      'export function serve () {',
      '  return ({ params, body }: Request, res: Response) => {',
      '    fs.readFileSync(params.file);',
      '    mathjs.eval(body.eqn);',
      "    crypto.createHash('md5').update(body.password);",
      '    user.update({ password: body.password });',
      '  };',
      '}',
    ].join('\n');
    expect(flowsOf(code, 'src/app.ts')).toEqual(['6 path-traversal', '7 code-injection']);
  });
});

describe('taint engine: deserialization, vm sandboxes, render locals, archives, substring allowlists', () => {
  it('reports node-serialize unserialize of request data, not of a constant', () => {
    const code = [
      "const serialize = require('node-serialize');",
      "app.post('/bulk', (req, res) => {",
      "  const products = serialize.unserialize(req.files.products.data.toString('utf8'));", // 3
      "  serialize.unserialize('{\"a\":1}');",
      '});',
    ].join('\n');
    expect(flowsOf(code)).toEqual(['3 deserialization']);
  });

  it('reports vm code that evaluates or yaml-loads client data placed in its sandbox, not a sandbox of constants', () => {
    const code = [
      "import vm from 'node:vm';",
      "import { type Request } from 'express';",
      'export function order () {',
      '  return ({ body }: Request, res) => {',
      '    const lines = body.orderLines;',
      '    const sandbox = { safeEval, lines };',
      "    vm.runInContext('safeEval(lines)', sandbox, { timeout: 2000 });", // 7
      "    vm.runInContext('JSON.stringify(yaml.load(data))', { yaml, data: body.yaml });", // 8
      "    vm.runInContext('safeEval(x)', { safeEval, x: '1 + 1' });",
      "    vm.runInContext('JSON.stringify(data)', { data: body.yaml });",
      '  };',
      '}',
    ].join('\n');
    expect(flowsOf(code, 'routes/order.ts')).toEqual(['7 code-injection', '8 deserialization']);
  });

  it('reports res.render locals spread from the request body, not from a fixed object', () => {
    const code = [
      "app.post('/erase', (req, res) => {",
      "  res.render('result', { ...req.body, theme });", // 2
      "  res.render('result', { ...themeVars, name: req.body.name });",
      '});',
    ].join('\n');
    expect(flowsOf(code)).toEqual(['2 path-traversal']);
  });

  it('reports archive entry names written to disk (zip slip), not entries written under their base name', () => {
    const code = [
      "import fs from 'node:fs';",
      "import path from 'node:path';",
      "import unzipper from 'unzipper';",
      'async function extract (buffer) {',
      '  const directory = await unzipper.Open.buffer(buffer);',
      '  for (const entry of directory.files) {',
      '    const fileName = entry.path;',
      "    fs.createWriteStream('uploads/' + fileName);", // 8
      "    fs.createWriteStream(path.join('uploads', path.basename(entry.path)));",
      '    res.send(entry.path);', // not a path sink: archive names only matter for files
      '  }',
      '}',
    ].join('\n');
    expect(flowsOf(code, 'routes/upload.ts')).toEqual(['8 path-traversal']);
  });

  it('does not trust a validator that only checks for a substring, and reports the check too', () => {
    const code = [
      "const allowlist = new Set(['https://github.com/org']);",
      'const isRedirectAllowed = (url) => {',
      '  let allowed = false;',
      '  for (const a of allowlist) allowed = allowed || url.includes(a);', // 4
      '  return allowed;',
      '};',
      'const isPathAllowed = (url) => allowlist.has(url);',
      "app.get('/r', (req, res) => {",
      '  const to = req.query.to;',
      '  if (isRedirectAllowed(to)) res.redirect(to);', // 10
      '  const n = req.query.n;',
      '  if (isPathAllowed(n)) res.redirect(n);', // a real allowlist lookup
      '});',
    ].join('\n');
    expect(flowsOf(code)).toEqual(['4 open-redirect', '10 open-redirect']);
  });
});
