import ts from 'typescript';
import {
  BROWSER_SOURCES,
  CONTEXT_NAMES,
  PARTIAL_SANITIZERS,
  PROPAGATING_FUNCTIONS,
  PROPAGATING_METHODS,
  REQUEST_METHODS,
  REQUEST_NAMES,
  REQUEST_PROPS,
  RESPONSE_NAMES,
  ROUTE_METHODS,
  SANITIZING_FUNCTIONS,
  SINK_KINDS,
  type SinkKind,
} from './specs';

/**
 * Argus's taint engine for JavaScript and TypeScript, on the TypeScript compiler's syntax tree (no type checker, no
 * code of the repository is run). It follows request data (and `process.argv`, and URL parts in the browser) through
 * assignments, destructuring, template strings, concatenation, string methods, calls to functions of the same file
 * and of relatively imported modules (analysed with the caller's taint, so a flow is reported with its whole path),
 * and reports where it reaches a dangerous call. Sanitizers and guards (`if (!ALLOWED.includes(x)) return`) cut it.
 */

interface FlowStep {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  note: string;
}

export interface TaintFlow {
  kind: SinkKind;
  /** What the sink is, for the message: `exec()`, `res.redirect()`, `$where`. */
  sink: string;
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** source → steps → sink; the last step is the sink. */
  steps: FlowStep[];
  source: string;
}

interface Taint {
  source: string;
  steps: readonly FlowStep[];
  /** Built into a string by a template or concatenation. */
  built: boolean;
  /** The static parts of the string it was built into mention SQL. */
  sqlish: boolean;
  /** May be an object (raw JSON body / parsed query string), so `{ $ne: null }` can be smuggled in. */
  objectLike: boolean;
  /** The static text before the first tainted part of a built string (a fixed host or path makes a redirect safe). */
  prefix: string | null;
  cleared: ReadonlySet<SinkKind>;
  /** Passed a validator that only checks for a substring (`url.includes(allowed)`): where, to report it too. */
  weakGuard?: { mod: ModuleInfo; node: ts.Node; fn: string };
  /** An archive being extracted: its entries' names are chosen by whoever made the archive (zip slip). */
  archive?: boolean;
}

const ALL_KINDS: ReadonlySet<SinkKind> = new Set(SINK_KINDS);
const MAX_STEPS = 24;
const MAX_CALL_DEPTH = 4;
/** Analyses of callees with tainted arguments per entry file: bounds the work on pathological code. */
const MAX_INLINE_ANALYSES = 500;

interface Import {
  module: string;
  /** 'default', '*', or the imported name. */
  name: string;
}

export interface ModuleInfo {
  rel: string;
  sf: ts.SourceFile;
  imports: Map<string, Import>;
  functions: Map<string, ts.FunctionLikeDeclaration>;
  exports: Map<string, ts.FunctionLikeDeclaration>;
}

/** Resolves `./db` imported from `routes/users.js` to a parsed module, or null (not in the repository, not parsed yet). */
type ModuleResolver = (fromRel: string, specifier: string) => ModuleInfo | null;

class Env {
  private readonly vars = new Map<string, Taint | null>();
  private readonly requests = new Map<string, 'request' | 'context' | 'response'>();
  constructor(readonly parent: Env | null) {}

  declare(name: string, t: Taint | null): void {
    this.vars.set(name, t);
    this.requests.delete(name);
  }
  markObject(name: string, kind: 'request' | 'context' | 'response'): void {
    this.vars.set(name, null);
    this.requests.set(name, kind);
  }
  assign(name: string, t: Taint | null): void {
    for (let e: Env | null = this; e; e = e.parent) {
      if (e.vars.has(name)) {
        e.vars.set(name, t);
        return;
      }
    }
    this.vars.set(name, t);
  }
  get(name: string): Taint | null {
    for (let e: Env | null = this; e; e = e.parent) if (e.vars.has(name)) return e.vars.get(name) ?? null;
    return null;
  }
  objectKind(name: string): 'request' | 'context' | 'response' | null {
    for (let e: Env | null = this; e; e = e.parent) {
      if (e.requests.has(name)) return e.requests.get(name)!;
      if (e.vars.has(name)) return null;
    }
    return null;
  }
}

function scriptKindOf(rel: string): ts.ScriptKind {
  const l = rel.toLowerCase();
  if (l.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(l)) return ts.ScriptKind.TS;
  if (l.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

function stripNode(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

function requireSpecifier(node: ts.Expression | undefined): string | null {
  if (!node || !ts.isCallExpression(node)) return null;
  if (!ts.isIdentifier(node.expression) || node.expression.text !== 'require') return null;
  const a = node.arguments[0];
  return a && ts.isStringLiteralLike(a) ? stripNode(a.text) : null;
}

function isFunctionLike(n: ts.Node | undefined): n is ts.FunctionLikeDeclaration {
  return !!n && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n));
}

/** Parses a module and indexes its imports, functions and exported functions. */
export function parseModule(rel: string, text: string): ModuleInfo {
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, scriptKindOf(rel));
  const imports = new Map<string, Import>();
  const functions = new Map<string, ts.FunctionLikeDeclaration>();
  const exports = new Map<string, ts.FunctionLikeDeclaration>();
  const exportAliases: [string, string][] = [];

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const module = stripNode(node.moduleSpecifier.text);
      const clause = node.importClause;
      if (clause?.name) imports.set(clause.name.text, { module, name: 'default' });
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) imports.set(nb.name.text, { module, name: '*' });
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) imports.set(el.name.text, { module, name: (el.propertyName ?? el.name).text });
    }
    if (ts.isVariableDeclaration(node)) {
      const spec = requireSpecifier(node.initializer) ?? requireSpecifier(node.initializer && ts.isPropertyAccessExpression(node.initializer) ? node.initializer.expression : undefined);
      if (spec !== null) {
        const member = node.initializer && ts.isPropertyAccessExpression(node.initializer) ? node.initializer.name.text : null;
        if (ts.isIdentifier(node.name)) imports.set(node.name.text, { module: spec, name: member ?? '*' });
        else if (ts.isObjectBindingPattern(node.name)) {
          for (const el of node.name.elements) {
            if (!ts.isIdentifier(el.name)) continue;
            const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
            imports.set(el.name.text, { module: spec, name: prop });
          }
        }
      } else if (ts.isIdentifier(node.name) && node.initializer && isFunctionLike(node.initializer)) {
        if (!functions.has(node.name.text)) functions.set(node.name.text, node.initializer);
        const stmt = node.parent?.parent;
        if (stmt && ts.isVariableStatement(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) exports.set(node.name.text, node.initializer);
      }
    }
    if (ts.isFunctionDeclaration(node) && node.name) {
      if (!functions.has(node.name.text)) functions.set(node.name.text, node);
      const mods = node.modifiers ?? [];
      if (mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) exports.set(mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : node.name.text, node);
    }
    if (ts.isExportAssignment(node) && isFunctionLike(node.expression)) exports.set('default', node.expression);
    if (ts.isExportAssignment(node) && ts.isIdentifier(node.expression)) exportAliases.push(['default', node.expression.text]);
    if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause) && !node.moduleSpecifier) {
      for (const el of node.exportClause.elements) exportAliases.push([el.name.text, (el.propertyName ?? el.name).text]);
    }
    // CommonJS: module.exports = fn | { a, b: c }, exports.a = fn, module.exports.a = fn
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = node.left.getText(sf);
      const right = node.right;
      const cjs = /^(?:module\.)?exports(?:\.(\w+))?$/.exec(left);
      if (cjs) {
        const name = cjs[1] ?? 'default';
        if (isFunctionLike(right)) exports.set(name, right);
        else if (ts.isIdentifier(right)) exportAliases.push([name, right.text]);
        else if (!cjs[1] && ts.isObjectLiteralExpression(right)) {
          for (const p of right.properties) {
            if (ts.isShorthandPropertyAssignment(p)) exportAliases.push([p.name.text, p.name.text]);
            else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
              if (isFunctionLike(p.initializer)) exports.set(p.name.text, p.initializer);
              else if (ts.isIdentifier(p.initializer)) exportAliases.push([p.name.text, p.initializer.text]);
            } else if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) exports.set(p.name.text, p);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  for (const [name, local] of exportAliases) {
    const fn = functions.get(local);
    if (fn && !exports.has(name)) exports.set(name, fn);
  }
  return { rel, sf, imports, functions, exports };
}

/** Relative import specifiers of a module (`./db`, `../lib/run`), for preloading. */
export function relativeImports(mod: ModuleInfo): string[] {
  return [...new Set([...mod.imports.values()].map((i) => i.module).filter((m) => m.startsWith('./') || m.startsWith('../')))];
}

const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs', 'original-fs']);
const FS_PATH_METHODS = new Set([
  'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream', 'createWriteStream', 'unlink',
  'unlinkSync', 'readdir', 'readdirSync', 'stat', 'statSync', 'lstat', 'lstatSync', 'open', 'openSync', 'access', 'accessSync', 'exists',
  'existsSync', 'mkdir', 'mkdirSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'copyFile', 'copyFileSync', 'rename', 'renameSync', 'realpath',
  'readlink', 'symlink', 'chmod', 'chmodSync', 'truncate', 'outputFile', 'outputFileSync', 'remove', 'removeSync', 'readJson', 'readJsonSync',
  'writeJson', 'writeJsonSync', 'cp', 'cpSync', 'opendir', 'watch',
]);
const HTTP_CLIENT_MODULES = new Set(['axios', 'got', 'node-fetch', 'request', 'superagent', 'needle', 'undici', 'phin', 'bent', 'cross-fetch', 'isomorphic-fetch', 'ky', 'request-promise', 'request-promise-native', 'make-fetch-happen']);
const HTTP_CLIENT_METHODS = new Set(['', 'get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request', 'fetch', 'stream']);
const SQL_METHODS = new Set(['query', 'execute', 'raw', 'run', 'all', 'get', 'exec', 'prepare', 'each', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe', 'queryRaw', 'whereRaw', 'orderByRaw', 'havingRaw', 'selectRaw']);
const SQL_RECEIVER = /(?:db|sql|conn|pool|client|knex|sequelize|database|prisma|trx|^tx$|query|repo|manager|models?$)/i;
const NOSQL_METHODS = new Set([
  'find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace', 'updateOne', 'updateMany', 'update', 'deleteOne',
  'deleteMany', 'remove', 'count', 'countDocuments', 'aggregate', 'distinct', 'replaceOne', 'findAndModify', 'exists',
]);
const NOT_A_COLLECTION = /^(?:Object|Array|_|lodash|JSON|Promise|Math|Reflect|Map|Set|String|Number|R|ramda)$/;
const LOG_METHODS = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice', 'critical']);
const LOG_RECEIVER = /^(?:console|log|logger|winston|pino|bunyan|debug|\w*[lL]ogger|[\w.]*\.log|[\w.]*\.logger)$/;
/** Archive readers: the names of the entries they list are the archive author's (`../../etc/cron.d/x`). */
const ARCHIVE_MODULES = /^(?:unzipper|adm-zip|yauzl|yauzl-promise|tar|tar-stream|tar-fs|jszip|decompress|node-stream-zip|extract-zip|unzip|unzip-stream)$/;
const SQL_TEXT = /\b(?:select|insert|update|delete|where|from|values|order\s+by|group\s+by|union|into|set)\b/i;

export interface EngineOptions {
  resolve: ModuleResolver;
}

/** Analyses one entry module (and, through calls with tainted arguments, the modules it imports). */
export function findTaintFlows(entry: ModuleInfo, options: EngineOptions): TaintFlow[] {
  const flows = new Map<string, TaintFlow>();
  let inlineBudget = MAX_INLINE_ANALYSES;
  /** Taint of each object-literal property value as last evaluated: sinks read it instead of evaluating again. */
  const propTaint = new Map<ts.Node, Taint | null>();

  const pos = (mod: ModuleInfo, node: ts.Node) => {
    const s = mod.sf.getLineAndCharacterOfPosition(node.getStart(mod.sf));
    const e = mod.sf.getLineAndCharacterOfPosition(node.getEnd());
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  };
  const short = (text: string) => {
    const one = text.replace(/\s+/g, ' ');
    return one.length > 60 ? `${one.slice(0, 57)}…` : one;
  };
  const step = (mod: ModuleInfo, node: ts.Node, note: string): FlowStep => ({ path: mod.rel, ...pos(mod, node), note });
  const withStep = (t: Taint, s: FlowStep): Taint => {
    if (t.steps.length >= MAX_STEPS) return t;
    const last = t.steps[t.steps.length - 1];
    if (last && last.path === s.path && last.line === s.line && last.column === s.column && last.note === s.note) return t;
    return { ...t, steps: [...t.steps, s] };
  };
  const clear = (t: Taint | null, kinds: readonly SinkKind[] | ReadonlySet<SinkKind>): Taint | null => {
    if (!t) return null;
    const cleared = new Set(t.cleared);
    for (const k of kinds) cleared.add(k);
    return cleared.size >= ALL_KINDS.size ? null : { ...t, cleared };
  };
  const asString = (t: Taint | null): Taint | null => (t ? { ...t, objectLike: false } : null);

  const report = (mod: ModuleInfo, kind: SinkKind, node: ts.Node, sink: string, t: Taint) => {
    if (t.cleared.has(kind)) return;
    const p = pos(mod, node);
    // One finding per sink kind and line: `findOne({ user: body.user, pass: body.pass })` is one problem.
    const key = `${kind}|${mod.rel}|${p.line}`;
    if (flows.has(key)) return;
    const steps = [...t.steps, { path: mod.rel, ...p, note: `reaches ${sink}` }];
    flows.set(key, { kind, sink, path: mod.rel, startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn, steps, source: t.source });
    // The validator the value passed only checks for a substring: the check itself is the flaw to fix.
    const w = t.weakGuard;
    if (w && (kind === 'open-redirect' || kind === 'ssrf')) {
      const wp = pos(w.mod, w.node);
      const wkey = `${kind}|${w.mod.rel}|${wp.line}`;
      if (!flows.has(wkey)) {
        flows.set(wkey, { kind, sink: `${w.fn}, a substring check (an allowed URL anywhere in the value passes)`, path: w.mod.rel, startLine: wp.line, startColumn: wp.column, endLine: wp.endLine, endColumn: wp.endColumn, steps: [...t.steps, { path: w.mod.rel, ...wp, note: `checked by ${w.fn} with a substring match` }, { path: mod.rel, ...p, note: `reaches ${sink}` }], source: t.source });
      }
    }
  };

  interface Frame {
    mod: ModuleInfo;
    env: Env;
    depth: number;
    stack: Set<ts.Node>;
    returned: Taint | null;
  }

  const source = (mod: ModuleInfo, node: ts.Node, label: string, objectLike: boolean): Taint => ({
    source: label,
    steps: [step(mod, node, `source: ${label} (data the client controls)`)],
    built: false,
    sqlish: false,
    objectLike,
    prefix: null,
    cleared: new Set(),
  });

  /** Entries of an archive: only their paths matter (file contents are not code), so every other sink is cleared. */
  const archiveSource = (mod: ModuleInfo, node: ts.Node, module: string): Taint => ({
    ...source(mod, node, `entries of an archive read with ${module}`, false),
    steps: [step(mod, node, `source: entry names of an archive read with ${module} (chosen by whoever made the archive)`)],
    cleared: new Set([...ALL_KINDS].filter((k) => k !== 'path-traversal')),
    archive: true,
  });
  const archiveModuleOf = (f: Frame, root: string | undefined): string | null => {
    if (!root) return null;
    const imp = f.mod.imports.get(root);
    return imp && ARCHIVE_MODULES.test(imp.module) && f.env.get(root) === null ? imp.module : null;
  };

  /** `req.query.id` → ['req', 'query', 'id'] (element accesses with literal keys included), or null. */
  const chainOf = (node: ts.Expression): string[] | null => {
    const parts: string[] = [];
    let n: ts.Expression = node;
    for (;;) {
      if (ts.isPropertyAccessExpression(n)) {
        parts.unshift(n.name.text);
        n = n.expression;
      } else if (ts.isElementAccessExpression(n)) {
        parts.unshift(ts.isStringLiteralLike(n.argumentExpression) ? n.argumentExpression.text : '[]');
        n = n.expression;
      } else if (ts.isNonNullExpression(n) || ts.isParenthesizedExpression(n)) n = n.expression;
      else break;
    }
    if (ts.isIdentifier(n)) parts.unshift(n.text);
    else if (n.kind === ts.SyntaxKind.ThisKeyword) parts.unshift('this');
    else return null;
    return parts;
  };

  /** Request data read from a request or Koa context object, or null. */
  const requestData = (f: Frame, node: ts.Expression): Taint | null => {
    const chain = chainOf(node);
    if (!chain || chain.length < 2) return null;
    const text = chain.join('.');
    if (BROWSER_SOURCES.test(text) || BROWSER_SOURCES.test(chain.slice(0, 3).join('.'))) return source(f.mod, node, short(node.getText(f.mod.sf)), false);
    if (chain[0] === 'process' && chain[1] === 'argv') return source(f.mod, node, 'process.argv', false);
    const kind = f.env.objectKind(chain[0]!) ?? (REQUEST_NAMES.test(chain[0]!) ? 'request' : CONTEXT_NAMES.test(chain[0]!) ? 'context' : null);
    if (kind === 'request' && REQUEST_PROPS.has(chain[1]!)) return source(f.mod, node, short(node.getText(f.mod.sf)), chain[1] === 'body' || chain[1] === 'query');
    if (kind === 'context') {
      const rest = chain[1] === 'request' ? chain.slice(2) : chain.slice(1);
      if (rest.length > 0 && REQUEST_PROPS.has(rest[0]!)) return source(f.mod, node, short(node.getText(f.mod.sf)), rest[0] === 'body' || rest[0] === 'query');
    }
    return null;
  };

  const calleeName = (expr: ts.Expression): string => {
    const chain = chainOf(expr);
    return chain ? chain.join('.') : '';
  };

  /** The module and member a callee refers to: `cp.exec` → child_process/exec, `axios.get` → axios/get, `fetch` → global/fetch. */
  const resolveCallee = (f: Frame, expr: ts.Expression): { module: string; member: string } | null => {
    if (ts.isIdentifier(expr)) {
      const imp = f.mod.imports.get(expr.text);
      if (imp && f.env.get(expr.text) === null) return { module: imp.module, member: imp.name === '*' || imp.name === 'default' ? '' : imp.name };
      return { module: 'global', member: expr.text };
    }
    if (ts.isPropertyAccessExpression(expr)) {
      const inline = requireSpecifier(expr.expression);
      if (inline) return { module: inline, member: expr.name.text };
      const chain = chainOf(expr.expression);
      if (chain) {
        const imp = f.mod.imports.get(chain[0]!);
        if (imp) {
          const inner = chain.slice(1).filter((c) => c !== 'promises' && c !== 'default');
          if (inner.length === 0) return { module: imp.name === '*' || imp.name === 'default' ? imp.module : `${imp.module}#${imp.name}`, member: expr.name.text };
        }
        if (chain.length === 1 && ['window', 'globalThis', 'self'].includes(chain[0]!)) return { module: 'global', member: expr.name.text };
      }
    }
    return null;
  };

  /** The function a call goes to, in this module or a relatively imported one. */
  const resolveFunction = (f: Frame, expr: ts.Expression): { mod: ModuleInfo; fn: ts.FunctionLikeDeclaration; name: string } | null => {
    if (ts.isIdentifier(expr)) {
      const local = f.mod.functions.get(expr.text);
      if (local) return { mod: f.mod, fn: local, name: expr.text };
      const imp = f.mod.imports.get(expr.text);
      if (imp && (imp.module.startsWith('./') || imp.module.startsWith('../'))) {
        const target = options.resolve(f.mod.rel, imp.module);
        const fn = target?.exports.get(imp.name === '*' ? 'default' : imp.name);
        if (target && fn) return { mod: target, fn, name: expr.text };
      }
    }
    if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) {
      const imp = f.mod.imports.get(expr.expression.text);
      if (imp && (imp.module.startsWith('./') || imp.module.startsWith('../')) && (imp.name === '*' || imp.name === 'default')) {
        const target = options.resolve(f.mod.rel, imp.module);
        const fn = target?.exports.get(expr.name.text);
        if (target && fn) return { mod: target, fn, name: `${expr.expression.text}.${expr.name.text}` };
      }
    }
    return null;
  };

  const bind = (f: Frame, name: ts.BindingName, t: Taint | null, init: ts.Expression | undefined, declare: boolean): void => {
    if (ts.isIdentifier(name)) {
      if (init && ts.isIdentifier(init)) {
        const kind = f.env.objectKind(init.text);
        if (kind) {
          f.env.markObject(name.text, kind);
          return;
        }
      }
      const v = t ? withStep(t, step(f.mod, name, `assigned to ${name.text}`)) : null;
      if (declare) f.env.declare(name.text, v);
      else f.env.assign(name.text, v);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      const objKind = init && ts.isIdentifier(init) ? f.env.objectKind(init.text) ?? (REQUEST_NAMES.test(init.text) ? 'request' : CONTEXT_NAMES.test(init.text) ? 'context' : null) : null;
      for (const el of name.elements) {
        const prop = el.propertyName ? (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName) ? el.propertyName.text : '') : ts.isIdentifier(el.name) ? el.name.text : '';
        if (objKind === 'request' || objKind === 'context') {
          if (REQUEST_PROPS.has(prop)) {
            const label = `${init!.getText(f.mod.sf)}.${prop}`;
            bind(f, el.name, source(f.mod, el, label, prop === 'body' || prop === 'query'), undefined, declare);
          } else if (objKind === 'context' && prop === 'request' && ts.isIdentifier(el.name)) f.env.markObject(el.name.text, 'request');
          else bind(f, el.name, null, undefined, declare);
        } else bind(f, el.name, t && prop ? { ...t, source: `${t.source}.${prop}` } : t, undefined, declare);
      }
      return;
    }
    for (const el of name.elements) if (!ts.isOmittedExpression(el)) bind(f, el.name, t, undefined, declare);
  };

  /** Runs a function with the given argument taints; returns the taint of what it returns. */
  const runFunction = (mod: ModuleInfo, fn: ts.FunctionLikeDeclaration, args: (Taint | null)[], parent: Env | null, depth: number, stack: Set<ts.Node>, role: 'handler' | 'plain'): Taint | null => {
    if (stack.has(fn) || depth > MAX_CALL_DEPTH) return null;
    const env = new Env(parent);
    const frame: Frame = { mod, env, depth, stack: new Set(stack).add(fn), returned: null };
    // A handler returned by a factory (`export function x () { return ({ query }: Request, res: Response) => … }`) is
    // registered elsewhere; its first parameter typed as Express's Request says what it receives.
    const p0Type = fn.parameters[0]?.type?.getText(mod.sf);
    if (role === 'plain' && !args[0] && p0Type && /^(?:express\.)?Request(?:<.*>)?$/.test(p0Type)) role = 'handler';
    fn.parameters.forEach((p, i) => {
      const n = p.name;
      if (ts.isIdentifier(n)) {
        if (role === 'handler' && i === 0 && !args[0]) env.markObject(n.text, CONTEXT_NAMES.test(n.text) ? 'context' : 'request');
        else if (role === 'handler' && i === 1 && !args[1]) env.markObject(n.text, 'response');
        else if (!args[i] && REQUEST_NAMES.test(n.text)) env.markObject(n.text, 'request');
        else if (!args[i] && CONTEXT_NAMES.test(n.text)) env.markObject(n.text, 'context');
        else if (!args[i] && RESPONSE_NAMES.test(n.text)) env.markObject(n.text, 'response');
        else env.declare(n.text, args[i] ? withStep(args[i]!, step(mod, n, `parameter ${n.text} of ${functionLabel(mod, fn)}`)) : null);
      } else if (role === 'handler' && i === 0 && ts.isObjectBindingPattern(n)) {
        // ({ query, body }, res) => …
        env.markObject('req', 'request');
        for (const el of n.elements) {
          const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '';
          bind(frame, el.name, REQUEST_PROPS.has(prop) ? source(mod, el, `req.${prop}`, prop === 'body' || prop === 'query') : null, undefined, true);
        }
      } else bind(frame, n, args[i] ?? null, undefined, true);
    });
    const body = fn.body;
    if (!body) return null;
    if (ts.isBlock(body)) statements(frame, body.statements);
    else frame.returned = expr(frame, body);
    return frame.returned;
  };

  const functionLabel = (mod: ModuleInfo, fn: ts.FunctionLikeDeclaration): string => {
    if (fn.name && ts.isIdentifier(fn.name)) return `${fn.name.text}()`;
    const p = fn.parent;
    if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return `${p.name.text}()`;
    if (p && ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return `${p.name.text}()`;
    return `the function at ${mod.rel}:${pos(mod, fn).line}`;
  };

  /** A guard on a variable: `ALLOWED.includes(x)`, `/^\w+$/.test(x)`, `isValidUrl(x)`, `x.startsWith('/')`. */
  /** A validator that tests its first parameter with `.includes()` / `.indexOf()`: `evil.com/?https://allowed.com` passes. */
  const substringCheckOf = (f: Frame, callee: ts.Expression): { mod: ModuleInfo; node: ts.Node; fn: string } | null => {
    const target = resolveFunction(f, callee);
    const p0 = target?.fn.parameters[0]?.name;
    if (!target || !p0 || !ts.isIdentifier(p0) || !target.fn.body) return null;
    let hit: ts.Node | null = null;
    const visit = (n: ts.Node): void => {
      if (hit) return;
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(?:includes|indexOf)$/.test(n.expression.name.text)) {
        const recv = n.expression.expression;
        if (ts.isIdentifier(recv) && recv.text === p0.text) hit = n;
      }
      ts.forEachChild(n, visit);
    };
    visit(target.fn.body);
    return hit ? { mod: target.mod, node: hit, fn: `${target.name}()` } : null;
  };

  const guardOf = (cond: ts.Expression, f?: Frame): { name: string; positive: boolean; kinds: readonly SinkKind[]; weak?: { mod: ModuleInfo; node: ts.Node; fn: string } } | null => {
    let e = cond;
    let positive = true;
    while (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
      positive = !positive;
      e = e.operand;
    }
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return guardOf(e.left, f) ?? guardOf(e.right, f);
    }
    if (ts.isBinaryExpression(e) && [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanToken].includes(e.operatorToken.kind)) {
      const inner = guardOf(e.left, f);
      if (inner && e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken && /^(?:-1|false)$/.test(e.right.getText())) return { ...inner, positive: !positive };
      if (inner) return { ...inner, positive };
      return null;
    }
    if (!ts.isCallExpression(e)) return null;
    const arg = e.arguments[0];
    const callee = e.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    // A validated property (`ALLOWED.has(url.hostname)`) vouches for the object it belongs to.
    const argChain = arg ? chainOf(arg) : null;
    const target = arg && ts.isIdentifier(arg) ? arg.text : argChain && argChain.length > 1 && argChain[0] !== 'this' ? argChain[0]! : null;
    if (target && /^(?:test|includes|has|indexOf|match)$/.test(name)) return { name: target, positive, kinds: [...ALL_KINDS] };
    if (target && /^(?:is[A-Z]\w*|isValid\w*|validate\w*|isSafe\w*|isAllowed\w*|check\w*)$/.test(name)) {
      const weak = f ? substringCheckOf(f, callee) : null;
      if (weak) return { name: target, positive, kinds: [...ALL_KINDS].filter((k) => k !== 'open-redirect' && k !== 'ssrf'), weak };
      return { name: target, positive, kinds: [...ALL_KINDS] };
    }
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && /^(?:startsWith)$/.test(name)) {
      return { name: callee.expression.text, positive, kinds: ['open-redirect', 'ssrf', 'path-traversal'] };
    }
    return null;
  };

  const exits = (s: ts.Statement): boolean => {
    if (ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isContinueStatement(s) || ts.isBreakStatement(s)) return true;
    if (ts.isBlock(s)) return s.statements.length > 0 && exits(s.statements[s.statements.length - 1]!);
    return false;
  };

  const statements = (f: Frame, list: readonly ts.Statement[]): void => {
    for (const s of list) statement(f, s);
  };

  const statement = (f: Frame, s: ts.Statement): void => {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (requireSpecifier(d.initializer)) continue;
        bind(f, d.name, d.initializer ? expr(f, d.initializer) : null, d.initializer, true);
      }
    } else if (ts.isExpressionStatement(s)) expr(f, s.expression);
    else if (ts.isReturnStatement(s)) {
      if (s.expression) {
        const t = expr(f, s.expression);
        if (t && !f.returned) f.returned = t;
      }
    } else if (ts.isIfStatement(s)) {
      expr(f, s.expression);
      const g = guardOf(s.expression, f);
      const guardedTaint = (t: Taint | null): Taint | null => {
        const c = g ? clear(t, g.kinds) : t;
        return c && g?.weak ? { ...c, weakGuard: g.weak } : c;
      };
      const guarded = (positive: boolean, body: ts.Statement | undefined) => {
        if (!body) return;
        if (g && g.positive === positive) {
          const child = new Env(f.env);
          child.declare(g.name, guardedTaint(f.env.get(g.name)));
          const kind = f.env.objectKind(g.name);
          if (kind) child.markObject(g.name, kind);
          statement({ ...f, env: child }, body);
        } else statement(f, body);
      };
      guarded(true, s.thenStatement);
      guarded(false, s.elseStatement);
      // `if (!valid(x)) return;` guards the rest of the block.
      if (g && !g.positive && exits(s.thenStatement)) f.env.assign(g.name, guardedTaint(f.env.get(g.name)));
    } else if (ts.isBlock(s)) statements(f, s.statements);
    else if (ts.isForOfStatement(s) || ts.isForInStatement(s)) {
      const t = expr(f, s.expression);
      const init = s.initializer;
      if (ts.isVariableDeclarationList(init)) for (const d of init.declarations) bind(f, d.name, ts.isForOfStatement(s) ? t : null, undefined, true);
      statement(f, s.statement);
    } else if (ts.isForStatement(s) || ts.isWhileStatement(s) || ts.isDoStatement(s)) {
      ts.forEachChild(s, (c) => visitAny(f, c));
    } else if (ts.isTryStatement(s)) {
      statements(f, s.tryBlock.statements);
      if (s.catchClause) statements(f, s.catchClause.block.statements);
      if (s.finallyBlock) statements(f, s.finallyBlock.statements);
    } else if (ts.isFunctionDeclaration(s)) {
      runFunction(f.mod, s, [], f.env, f.depth, f.stack, 'plain');
    } else ts.forEachChild(s, (c) => visitAny(f, c));
  };

  const visitAny = (f: Frame, n: ts.Node): void => {
    if (ts.isBlock(n)) statements(f, n.statements);
    else if (isStatement(n)) statement(f, n);
    else if (ts.isExpression(n)) expr(f, n);
    else if (ts.isVariableDeclarationList(n)) for (const d of n.declarations) bind(f, d.name, d.initializer ? expr(f, d.initializer) : null, d.initializer, true);
    else if (ts.isCaseBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) ts.forEachChild(n, (c) => visitAny(f, c));
    else if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
      for (const m of n.members) if (ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m)) runFunction(f.mod, m as ts.FunctionLikeDeclaration, [], f.env, f.depth, f.stack, 'plain');
    } else ts.forEachChild(n, (c) => visitAny(f, c));
  };

  const builtString = (f: Frame, node: ts.Node, parts: { text: string | null; t: Taint | null }[]): Taint | null => {
    const tainted = parts.find((p) => p.t);
    if (!tainted?.t) return null;
    let prefix = '';
    for (const p of parts) {
      if (p.t) break;
      prefix += p.text ?? '\u0000';
    }
    const staticText = parts.map((p) => p.text ?? '').join(' ');
    const first = tainted.t;
    return withStep({ ...first, built: true, objectLike: false, sqlish: first.sqlish || SQL_TEXT.test(staticText), prefix: first.prefix ?? (prefix.includes('\u0000') ? null : prefix) }, step(f.mod, node, 'built into a string'));
  };

  const staticText = (n: ts.Expression): string | null => (ts.isStringLiteralLike(n) ? n.text : null);

  const expr = (f: Frame, n: ts.Expression): Taint | null => {
    if (ts.isIdentifier(n)) return f.env.get(n.text);
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression(n) || ts.isSatisfiesExpression(n) || ts.isAwaitExpression(n) || ts.isSpreadElement(n)) {
      return expr(f, n.expression);
    }
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const src = requestData(f, n);
      if (src) return src;
      if (ts.isElementAccessExpression(n)) expr(f, n.argumentExpression);
      if (ts.isPropertyAccessExpression(n) && n.name.text === 'length') {
        expr(f, n.expression);
        return null;
      }
      return expr(f, n.expression);
    }
    if (ts.isCallExpression(n)) return call(f, n);
    if (ts.isNewExpression(n)) return newExpr(f, n);
    if (ts.isTemplateExpression(n)) {
      const parts: { text: string | null; t: Taint | null }[] = [{ text: n.head.text, t: null }];
      for (const span of n.templateSpans) {
        parts.push({ text: null, t: asString(expr(f, span.expression)) });
        parts.push({ text: span.literal.text, t: null });
      }
      return builtString(f, n, parts.filter((p) => p.t || p.text));
    }
    if (ts.isTaggedTemplateExpression(n)) {
      // sql`…${x}` and friends bind their values as parameters.
      if (ts.isTemplateExpression(n.template)) for (const span of n.template.templateSpans) expr(f, span.expression);
      return null;
    }
    if (ts.isBinaryExpression(n)) return binary(f, n);
    if (ts.isConditionalExpression(n)) {
      expr(f, n.condition);
      const a = expr(f, n.whenTrue);
      const b = expr(f, n.whenFalse);
      return a ?? b;
    }
    if (ts.isObjectLiteralExpression(n)) {
      let found: Taint | null = null;
      for (const p of n.properties) {
        let t: Taint | null = null;
        if (ts.isPropertyAssignment(p)) {
          t = expr(f, p.initializer);
          propTaint.set(p.initializer, t);
        }
        else if (ts.isShorthandPropertyAssignment(p)) t = f.env.get(p.name.text);
        else if (ts.isSpreadAssignment(p)) t = expr(f, p.expression);
        else if (ts.isMethodDeclaration(p)) runFunction(f.mod, p, [], f.env, f.depth, f.stack, 'plain');
        found ??= t;
      }
      return found;
    }
    if (ts.isArrayLiteralExpression(n)) {
      let found: Taint | null = null;
      for (const el of n.elements) found ??= expr(f, el);
      return found ? { ...found, objectLike: false } : null;
    }
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      runFunction(f.mod, n, [], f.env, f.depth, f.stack, 'plain');
      return null;
    }
    if (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) {
      expr(f, n.operand);
      return null;
    }
    if (ts.isTypeOfExpression(n) || ts.isVoidExpression(n) || ts.isDeleteExpression(n)) {
      expr(f, n.expression);
      return null;
    }
    if (ts.isJsxAttribute(n as unknown as ts.Node)) return null;
    ts.forEachChild(n, (c) => visitAny(f, c));
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) jsx(f, n);
    return null;
  };

  const jsx = (f: Frame, n: ts.JsxElement | ts.JsxSelfClosingElement) => {
    const attrs = ts.isJsxElement(n) ? n.openingElement.attributes : n.attributes;
    for (const a of attrs.properties) {
      if (!ts.isJsxAttribute(a) || a.name.getText(f.mod.sf) !== 'dangerouslySetInnerHTML' || !a.initializer || !ts.isJsxExpression(a.initializer) || !a.initializer.expression) continue;
      const obj = a.initializer.expression;
      if (!ts.isObjectLiteralExpression(obj)) continue;
      for (const p of obj.properties) {
        if (ts.isPropertyAssignment(p) && p.name.getText(f.mod.sf) === '__html') {
          const t = expr(f, p.initializer);
          if (t) report(f.mod, 'xss', a, 'dangerouslySetInnerHTML', t);
        }
      }
    }
  };

  const binary = (f: Frame, n: ts.BinaryExpression): Taint | null => {
    const op = n.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken) {
      let t = expr(f, n.right);
      if (op === ts.SyntaxKind.PlusEqualsToken) {
        const prev = expr(f, n.left);
        t = builtString(f, n, [{ text: staticText(n.left), t: prev }, { text: staticText(n.right), t: asString(t) }]) ?? prev;
      }
      assignmentSink(f, n.left, t, n);
      if (ts.isIdentifier(n.left)) {
        f.env.assign(n.left.text, t ? withStep(t, step(f.mod, n.left, `assigned to ${n.left.text}`)) : op === ts.SyntaxKind.EqualsToken ? null : f.env.get(n.left.text));
      } else if (ts.isObjectLiteralExpression(n.left) || ts.isArrayLiteralExpression(n.left)) {
        /* destructuring assignment: rare in request handling code */
      } else {
        const chain = chainOf(n.left);
        // obj.prop = tainted taints obj (options objects built step by step).
        if (t && chain && chain.length >= 2 && chain[0] !== 'this') f.env.assign(chain[0]!, withStep(t, step(f.mod, n.left, `stored in ${chain.join('.')}`)));
      }
      return t;
    }
    if (op === ts.SyntaxKind.PlusToken) {
      const l = expr(f, n.left);
      const r = expr(f, n.right);
      if (!l && !r) return null;
      return builtString(f, n, [
        { text: staticText(n.left) ?? (l ? null : ''), t: asString(l) },
        { text: staticText(n.right) ?? (r ? null : ''), t: asString(r) },
      ]);
    }
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      const l = expr(f, n.left);
      const r = expr(f, n.right);
      return l ?? r;
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      expr(f, n.left);
      return expr(f, n.right);
    }
    if (op === ts.SyntaxKind.CommaToken) {
      expr(f, n.left);
      return expr(f, n.right);
    }
    expr(f, n.left);
    expr(f, n.right);
    return null;
  };

  const assignmentSink = (f: Frame, left: ts.Expression, t: Taint | null, node: ts.Node) => {
    if (!t || !(ts.isPropertyAccessExpression(left) || ts.isIdentifier(left))) return;
    const text = calleeName(left);
    if (ts.isPropertyAccessExpression(left) && /^(?:innerHTML|outerHTML)$/.test(left.name.text)) report(f.mod, 'xss', node, left.name.text, t);
    if (/^(?:(?:window|document)\.)?location(?:\.href)?$/.test(text)) {
      if (!redirectSafe(t)) report(f.mod, 'open-redirect', node, text, t);
    }
    if (/^(?:ctx|context)\.body$/.test(text) && t.built && (t.prefix ?? '').includes('<')) report(f.mod, 'xss', node, text, t);
  };

  const redirectSafe = (t: Taint): boolean => {
    if (!t.built || t.prefix === null) return false;
    return /^\/(?![/\\])/.test(t.prefix) || /^https?:\/\/[^/?#]+[/?#]/i.test(t.prefix);
  };
  const ssrfSafe = (t: Taint): boolean => {
    if (!t.built || t.prefix === null) return false;
    return /^\/(?![/\\])/.test(t.prefix) || /^https?:\/\/[^/?#]+[/?#]/i.test(t.prefix);
  };

  const newExpr = (f: Frame, n: ts.NewExpression): Taint | null => {
    const args = (n.arguments ?? []).map((a) => expr(f, a));
    const name = calleeName(n.expression);
    const r = resolveCallee(f, n.expression);
    const arg0 = args[0] ?? null;
    if (name === 'Function') {
      const t = args.find((a) => a);
      if (t) report(f.mod, 'code-injection', n, 'new Function()', t);
      return null;
    }
    if (name === 'RegExp' && arg0) {
      report(f.mod, 'regex-injection', n, 'new RegExp()', arg0);
      return null;
    }
    if (r && r.module === 'vm' && r.member === 'Script' && arg0) report(f.mod, 'code-injection', n, 'new vm.Script()', arg0);
    const archiveModule = archiveModuleOf(f, ts.isIdentifier(n.expression) ? n.expression.text : chainOf(n.expression)?.[0]);
    if (archiveModule) return archiveSource(f.mod, n, archiveModule);
    if ((name === 'URL' || name === 'URLSearchParams' || name === 'String') && arg0) return asString(arg0);
    return null;
  };

  const call = (f: Frame, n: ts.CallExpression): Taint | null => {
    const callee = n.expression;
    // import(x)
    if (callee.kind === ts.SyntaxKind.ImportKeyword) {
      const t = n.arguments[0] ? expr(f, n.arguments[0]) : null;
      if (t) report(f.mod, 'dynamic-import', n, 'import()', t);
      return null;
    }
    const name = calleeName(callee);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : null;
    const receiverChain = receiver ? chainOf(receiver) : null;
    const receiverName = receiverChain ? receiverChain.join('.') : '';
    const isRoute = !!receiver && ROUTE_METHODS.has(method) && !/^(?:axios|http|https|got|request|superagent|needle|fetch|map|cache|params|headers|searchParams|query|cookies|session|store|redis|client|db)$/i.test(receiverChain?.[receiverChain.length - 1] ?? '');

    // Receiver first (it may be a source: req.get('host')), then arguments; callbacks after the other arguments.
    let recv: Taint | null = null;
    // `new Function(x)()`, `(cond ? a : b)(x)`, `handlers[name](x)`: the callee is an expression of its own.
    if (!receiver && !ts.isIdentifier(callee)) expr(f, callee);
    if (receiver) {
      const kind = receiverChain && receiverChain.length === 1 ? f.env.objectKind(receiverChain[0]!) ?? (REQUEST_NAMES.test(receiverChain[0]!) ? 'request' : null) : null;
      if (kind === 'request' && REQUEST_METHODS.has(method)) {
        n.arguments.forEach((a) => expr(f, a));
        return source(f.mod, n, short(n.getText(f.mod.sf)), method === 'json' || method === 'formData');
      }
      if (/^(?:ctx|context)\.cookies$/.test(receiverName) && method === 'get') return source(f.mod, n, short(n.getText(f.mod.sf)), false);
      recv = expr(f, receiver);
    }
    const args: (Taint | null)[] = n.arguments.map((a) => (ts.isArrowFunction(a) || ts.isFunctionExpression(a) ? null : expr(f, a)));
    n.arguments.forEach((a, i) => {
      if (!(ts.isArrowFunction(a) || ts.isFunctionExpression(a))) return;
      // promise.then(v => …) and arr.forEach(v => …) hand the receiver's taint to the callback.
      const cbArgs = recv && /^(?:then|forEach|map|filter|find|some|every|reduce|flatMap)$/.test(method) && i === 0 ? [recv] : recv?.archive && method === 'on' ? [recv] : [];
      runFunction(f.mod, a, cbArgs, f.env, f.depth, f.stack, isRoute ? 'handler' : 'plain');
    });
    const arg0 = args[0] ?? null;
    const anyArg = args.find((a) => a) ?? null;

    sinks(f, n, name, method, receiver, receiverChain, args);

    if (SANITIZING_FUNCTIONS.test(name) || SANITIZING_FUNCTIONS.test(method)) {
      const partial = PARTIAL_SANITIZERS.find(([re]) => re.test(name));
      if (!partial) return null;
    }
    for (const [re, kinds] of PARTIAL_SANITIZERS) if (re.test(name)) return clear(asString(anyArg), kinds);

    const archiveModule = archiveModuleOf(f, receiverChain?.[0] ?? (ts.isIdentifier(callee) ? callee.text : undefined));
    if (archiveModule) return archiveSource(f.mod, n, archiveModule);
    if (recv?.archive) return recv;
    if (method === 'pipe' && arg0?.archive) return arg0;
    const target = resolveFunction(f, callee);
    if (target && anyArg && inlineBudget > 0) {
      inlineBudget--;
      const passed = args.map((a, i) => (a ? withStep(a, step(f.mod, n.arguments[i]!, `passed to ${target.name}()`)) : null));
      const ret = runFunction(target.mod, target.fn, passed, target.mod === f.mod ? f.env : null, f.depth + 1, f.stack, 'plain');
      return ret ? withStep(ret, step(f.mod, n, `returned from ${target.name}()`)) : null;
    }
    if (recv && PROPAGATING_METHODS.has(method)) {
      let t = asString(recv);
      if ((method === 'replace' || method === 'replaceAll') && n.arguments[0]) {
        const pattern = n.arguments[0].getText(f.mod.sf);
        const replacement = n.arguments[1]?.getText(f.mod.sf) ?? '';
        if (/\\n|\\r|\\s/.test(pattern)) t = clear(t, ['log-injection']);
        if (/[<>]/.test(pattern)) t = clear(t, ['xss']);
        if (/\\\$&/.test(replacement)) t = clear(t, ['regex-injection']);
        if (/\.\.|\\\.\\\./.test(pattern)) t = clear(t, ['path-traversal']);
      }
      return t;
    }
    if (anyArg && PROPAGATING_FUNCTIONS.has(name)) return name === 'JSON.parse' || name === 'Object.assign' || name.startsWith('_.') || name === 'merge' ? anyArg : asString(anyArg);
    if (name === 'require' && arg0) return null;
    return null;
  };

  const sinks = (f: Frame, n: ts.CallExpression, name: string, method: string, receiver: ts.Expression | null, receiverChain: string[] | null, args: (Taint | null)[]) => {
    const arg0 = args[0] ?? null;
    const r = resolveCallee(f, n.expression);
    const mod = r?.module ?? '';
    const member = r?.member ?? '';
    const last = receiverChain?.[receiverChain.length - 1] ?? '';
    const receiverKind = receiverChain && receiverChain.length === 1 ? f.env.objectKind(receiverChain[0]!) : null;
    const isResponse = receiverKind === 'response' || (receiverChain?.length === 1 && RESPONSE_NAMES.test(last)) || /^(?:ctx|context)$/.test(last);

    // Code execution
    if (mod === 'global' && (member === 'eval' || member === 'Function') && args.some((a) => a)) report(f.mod, 'code-injection', n, `${member}()`, args.find((a) => a)!);
    if (mod === 'global' && (member === 'setTimeout' || member === 'setInterval' || member === 'setImmediate') && arg0) report(f.mod, 'code-injection', n, `${member}() with a string`, arg0);
    if (mod === 'vm' && /^(?:runInThisContext|runInNewContext|runInContext|compileFunction)$/.test(member) && arg0) report(f.mod, 'code-injection', n, `vm.${member}()`, arg0);
    // mathjs < 3.11 evaluates expressions with access to the Function constructor (CVE-2017-1001002): code execution.
    if (mod === 'mathjs' && /^(?:eval|evaluate|compile)$/.test(member) && arg0) report(f.mod, 'code-injection', n, `mathjs.${member}()`, arg0);
    // Code that runs in a vm context evaluates (or parses) the client data placed in its sandbox.
    if (mod === 'vm' && /^(?:runInContext|runInNewContext)$/.test(member) && n.arguments[0] && args[1]) {
      const code = staticText(n.arguments[0]) ?? '';
      if (/\b\w*eval\w*\s*\(|\bFunction\s*\(/i.test(code)) report(f.mod, 'code-injection', n, `vm.${member}() evaluating sandbox data`, args[1]);
      else if (/\b(?:yaml|jsyaml|YAML)\.load(?:All)?\s*\(/.test(code)) report(f.mod, 'deserialization', n, `yaml.load() in vm.${member}()`, args[1]);
    }
    // Deserializers that revive functions (node-serialize runs `_$$ND_FUNC$$_` bodies, CVE-2017-5941).
    if (/^(?:node-serialize|serialize-to-js|funcster|cryo)$/.test(mod) && /^(?:unserialize|deserialize|parse|thaw)$/.test(member) && arg0) report(f.mod, 'deserialization', n, `${mod} ${member}()`, arg0);
    if (mod === 'global' && member === 'require' && arg0) report(f.mod, 'dynamic-import', n, 'require()', arg0);
    if (mod === 'global' && member === 'RegExp' && arg0) report(f.mod, 'regex-injection', n, 'RegExp()', arg0);
    // OS commands
    if ((mod === 'child_process' || mod === 'shelljs' || mod === 'execa') && /^(?:exec|execSync|spawn|spawnSync|execFile|execFileSync|fork|execa|execaSync|execaCommand|command|commandSync|)$/.test(member) && arg0) {
      report(f.mod, 'command-injection', n, `${name || member || mod}()`, arg0);
    }
    // Files
    if (FS_MODULES.has(mod.split('#')[0]!) && FS_PATH_METHODS.has(member)) {
      const t = arg0 ?? (/^(?:copyFile|copyFileSync|rename|renameSync|symlink|cp|cpSync)$/.test(member) ? args[1] ?? null : null);
      if (t) report(f.mod, 'path-traversal', n, `fs.${member}()`, t);
    }
    if (isResponse && /^(?:sendFile|download|sendfile)$/.test(method) && arg0) {
      const opts = n.arguments[1];
      const rooted = opts && ts.isObjectLiteralExpression(opts) && opts.properties.some((p) => p.name?.getText(f.mod.sf) === 'root');
      if (!rooted) report(f.mod, 'path-traversal', n, `res.${method}()`, arg0);
    }
    if (isResponse && method === 'render' && arg0) report(f.mod, 'path-traversal', n, 'res.render() with a client-chosen view', arg0);
    // `res.render(view, { ...req.body })`: the client sets view options (layout, settings, cache) that choose files.
    const locals = n.arguments[1];
    if (isResponse && method === 'render' && locals && ts.isObjectLiteralExpression(locals)) {
      for (const p of locals.properties) {
        if (!ts.isSpreadAssignment(p)) continue;
        const t = requestData(f, p.expression) ?? f.env.get(p.expression.getText(f.mod.sf));
        if (t?.objectLike) report(f.mod, 'path-traversal', n, 'res.render() locals spread from the request (layout and view options)', t);
      }
    }
    // Outgoing requests
    const httpClient = (HTTP_CLIENT_MODULES.has(mod) && HTTP_CLIENT_METHODS.has(member)) || ((mod === 'http' || mod === 'https') && (member === 'get' || member === 'request')) || (mod === 'global' && member === 'fetch');
    if (httpClient) {
      let t = arg0;
      const a0 = n.arguments[0];
      if (a0 && ts.isObjectLiteralExpression(a0)) {
        t = null;
        for (const p of a0.properties) {
          if (ts.isPropertyAssignment(p) && /^(?:url|uri|host|hostname|baseURL|href)$/.test(p.name.getText(f.mod.sf))) t ??= propTaint.get(p.initializer) ?? null;
          if (ts.isShorthandPropertyAssignment(p) && /^(?:url|uri|host|hostname|baseURL|href)$/.test(p.name.text)) t ??= f.env.get(p.name.text);
        }
      }
      if (t && !ssrfSafe(t)) report(f.mod, 'ssrf', n, `${name}()`, t);
    }
    // Redirects
    if (isResponse && (method === 'redirect' || method === 'location')) {
      const t = args[args.length - 1] ?? null;
      if (t && !redirectSafe(t)) report(f.mod, 'open-redirect', n, `${last}.${method}()`, t);
    }
    if (isResponse && /^(?:setHeader|header|set|append)$/.test(method) && n.arguments[0] && /^location$/i.test(staticText(n.arguments[0]) ?? '')) {
      const t = args[1] ?? null;
      if (t && !redirectSafe(t)) report(f.mod, 'open-redirect', n, `${last}.${method}('Location')`, t);
    }
    if (/^(?:window\.|document\.)?location$/.test(receiverChain?.join('.') ?? '') && (method === 'assign' || method === 'replace') && arg0 && !redirectSafe(arg0)) report(f.mod, 'open-redirect', n, `location.${method}()`, arg0);
    if (name === 'window.open' && arg0 && !redirectSafe(arg0)) report(f.mod, 'open-redirect', n, 'window.open()', arg0);
    // HTML responses and DOM
    if (isResponse && /^(?:send|write|end)$/.test(method) && last !== 'ctx' && arg0) report(f.mod, 'xss', n, `${last}.${method}()`, arg0);
    if (/^document\.(?:write|writeln)$/.test(name) && args.some((a) => a)) report(f.mod, 'xss', n, `${name}()`, args.find((a) => a)!);
    if (method === 'insertAdjacentHTML' && args[1]) report(f.mod, 'xss', n, 'insertAdjacentHTML()', args[1]);
    if (/^(?:\$|jQuery)$/.test(name) && arg0?.built) report(f.mod, 'xss', n, `${name}()`, arg0);
    if (receiver && method === 'html' && arg0) report(f.mod, 'xss', n, '.html()', arg0);
    // SQL
    if (receiver && SQL_METHODS.has(method) && arg0) {
      const sqlReceiver = SQL_RECEIVER.test(last) || (receiverChain ?? []).some((c) => SQL_RECEIVER.test(c));
      if ((arg0.built && arg0.sqlish) || (sqlReceiver && /^(?:query|raw|\$queryRawUnsafe|\$executeRawUnsafe|whereRaw|unsafe)$/.test(method) && (arg0.built || !arg0.objectLike))) {
        report(f.mod, 'sql-injection', n, `${receiverChain?.join('.') ?? ''}.${method}()`, arg0);
      }
    }
    // NoSQL. A one-argument update() is a hash (`createHash().update(data)`) or an ORM instance's values
    // (`user.update({ password })`), not a collection's filter + update.
    if (receiver && !NOT_A_COLLECTION.test(last) && !(method === 'update' && n.arguments.length < 2)) {
      const a0 = n.arguments[0];
      if (a0 && ts.isObjectLiteralExpression(a0) && (NOSQL_METHODS.has(method) || method === 'where')) {
        for (const p of a0.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const key = p.name.getText(f.mod.sf).replace(/^['"]|['"]$/g, '');
          // Sequelize/TypeORM `{ where: { id } }`: SQL ORMs whose operators are symbols, not strings a body can carry.
          if (key === 'where' && !/\$where/.test(p.initializer.getText(f.mod.sf))) continue;
          const t = propTaint.get(p.initializer) ?? null;
          if (!t) continue;
          if (key === '$where') report(f.mod, 'nosql-injection', p, '$where', t);
          else if (t.objectLike && NOSQL_METHODS.has(method)) report(f.mod, 'nosql-injection', p, `${method}() filter`, t);
        }
        for (const p of a0.properties) {
          if (ts.isShorthandPropertyAssignment(p) && NOSQL_METHODS.has(method)) {
            const t = f.env.get(p.name.text);
            if (t?.objectLike) report(f.mod, 'nosql-injection', p, `${method}() filter`, t);
          }
        }
      } else if (arg0 && NOSQL_METHODS.has(method) && arg0.objectLike && a0 && !ts.isArrowFunction(a0) && !ts.isFunctionExpression(a0)) {
        report(f.mod, 'nosql-injection', n, `${method}() filter`, arg0);
      }
      if ((method === '$where' || method === 'where') && arg0?.built) report(f.mod, 'nosql-injection', n, `${method}()`, arg0);
      if (method === 'mapReduce' && arg0) report(f.mod, 'nosql-injection', n, 'mapReduce()', arg0);
    }
    // Logs
    if (receiver && LOG_METHODS.has(method) && LOG_RECEIVER.test(receiverChain?.join('.') ?? '')) {
      n.arguments.forEach((a, i) => {
        const t = args[i];
        if (t && !ts.isObjectLiteralExpression(a)) report(f.mod, 'log-injection', n, `${receiverChain!.join('.')}.${method}()`, t);
      });
    }
  };

  const isStatement = (n: ts.Node): n is ts.Statement => n.kind >= ts.SyntaxKind.FirstStatement && n.kind <= ts.SyntaxKind.LastStatement;

  // Top level: the module body is the outermost function.
  const root = new Env(null);
  const frame: Frame = { mod: entry, env: root, depth: 0, stack: new Set(), returned: null };
  statements(frame, entry.sf.statements);
  return [...flows.values()].sort((a, b) => a.path.localeCompare(b.path) || a.startLine - b.startLine || a.startColumn - b.startColumn || a.kind.localeCompare(b.kind));
}
