import type { TaintFlow } from './engine';
import type { SinkKind } from './specs';

/**
 * Argus's taint engine for Python (Django, Flask, FastAPI-style request objects), without a Python parser: the source
 * is split into logical lines (brackets, continuations and triple-quoted strings joined; string literals masked, the
 * expressions of f-strings kept), functions are found by indentation, and request data (`request.GET/POST/COOKIES/
 * FILES/body/args/form/json/…`) is followed through assignments, `for`/`with` targets, string building (+, %, .format,
 * f-strings) and calls to functions of the same file, to code execution, OS commands, SQL strings, outgoing request
 * URLs, file paths, redirects, deserializers, template compilation, mark_safe and code/template files written from it.
 * Conversions (`int()`, `escape()`, `shlex.quote()`, …) cut the flow. Intra-file only; no code is run.
 */

type FlowStep = TaintFlow['steps'][number];

interface PyTaint {
  source: string;
  steps: FlowStep[];
  built: boolean;
  /** Static text before the first tainted part of a built string (`'https://api.example.com/' + x`). */
  prefix: string | null;
  cleared: ReadonlySet<SinkKind>;
}

interface Stmt {
  text: string;
  line: number;
  endLine: number;
  indent: number;
}

interface Lexed {
  stmts: Stmt[];
  literals: string[];
}

const MAX_STEPS = 16;
const MAX_DEPTH = 3;

/** Splits Python source into logical lines with string literals replaced by `__sN__` (f-strings by `__fN__(exprs)`). */
function lexPython(src: string): Lexed {
  const literals: string[] = [];
  const stmts: Stmt[] = [];
  let cur = '';
  let depth = 0;
  let line = 1;
  let startLine = 1;
  let indent = 0;
  let atLineStart = true;
  let i = 0;
  const flush = () => {
    const t = cur.trim();
    if (t) stmts.push({ text: t, line: startLine, endLine: line, indent });
    cur = '';
  };
  while (i < src.length) {
    const c = src[i]!;
    if (atLineStart) {
      let j = i;
      let w = 0;
      while (j < src.length && (src[j] === ' ' || src[j] === '\t')) {
        w += src[j] === '\t' ? 8 : 1;
        j++;
      }
      if (src[j] === '\n' || src[j] === '#' || src[j] === '\r' || j >= src.length) {
        // blank or comment-only line: does not start a statement
        while (j < src.length && src[j] !== '\n') j++;
        i = j + 1;
        line++;
        continue;
      }
      indent = w;
      startLine = line;
      atLineStart = false;
      i = j;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      cur += ' ';
      continue;
    }
    if (c === '\n') {
      line++;
      i++;
      if (depth > 0) {
        cur += ' ';
        continue;
      }
      flush();
      atLineStart = true;
      continue;
    }
    // String literal, with an optional prefix (r, b, u, f and combinations) already in `cur`.
    if (c === '"' || c === "'") {
      const m = /([rRbBuUfF]{0,2})$/.exec(cur);
      const prefix = m ? m[1]! : '';
      const isF = /f/i.test(prefix) && !/\w/.test(cur.slice(0, cur.length - prefix.length).slice(-1));
      if (prefix && /\w/.test(cur.slice(0, cur.length - prefix.length).slice(-1))) {
        // an identifier ending in r/b/f before a quote is not a prefix (rare); treat as no prefix
      } else if (prefix) cur = cur.slice(0, cur.length - prefix.length);
      const triple = src.startsWith(c.repeat(3), i);
      const q = triple ? c.repeat(3) : c;
      let j = i + q.length;
      let body = '';
      while (j < src.length) {
        if (src[j] === '\\' && !/r/i.test(prefix)) {
          body += src[j + 1] ?? '';
          if (src[j + 1] === '\n') line++;
          j += 2;
          continue;
        }
        if (src.startsWith(q, j)) break;
        if (src[j] === '\n') {
          if (!triple) break;
          line++;
        }
        body += src[j];
        j++;
      }
      i = j + q.length;
      if (isF) {
        const exprs: string[] = [];
        let stat = '';
        let head: string | null = null;
        for (let k = 0; k < body.length; k++) {
          if (body[k] === '{' && body[k + 1] === '{') {
            stat += '{';
            k++;
            continue;
          }
          if (body[k] === '{') {
            let d = 1;
            let e = '';
            k++;
            while (k < body.length && d > 0) {
              if (body[k] === '{') d++;
              if (body[k] === '}') d--;
              if (d > 0) e += body[k];
              k++;
            }
            k--;
            head ??= stat;
            exprs.push(e.replace(/(?<![=!<>])[!:][^'"\]\)]*$/, '').replace(/=$/, '') || 'None');
            continue;
          }
          stat += body[k];
        }
        literals.push(head ?? stat);
        const n = literals.length - 1;
        literals.push(stat);
        cur += exprs.length > 0 ? `__f${n}__(${exprs.join(', ')})` : `__s${literals.length - 1}__`;
      } else {
        literals.push(body);
        cur += `__s${literals.length - 1}__`;
      }
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    if (c === ';' && depth === 0) {
      flush();
      startLine = line;
      i++;
      continue;
    }
    cur += c;
    i++;
  }
  flush();
  return { stmts, literals };
}

/** The text between the parenthesis at `open` and its match (exclusive), and the index after the match. */
function balanced(text: string, open: number): { inner: string; end: number } {
  let d = 0;
  for (let k = open; k < text.length; k++) {
    const c = text[k];
    if (c === '(' || c === '[' || c === '{') d++;
    if (c === ')' || c === ']' || c === '}') {
      d--;
      if (d === 0) return { inner: text.slice(open + 1, k), end: k + 1 };
    }
  }
  return { inner: text.slice(open + 1), end: text.length };
}

/** Splits on commas at bracket depth 0. */
function splitTop(text: string, sep = ','): string[] {
  const out: string[] = [];
  let d = 0;
  let cur = '';
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') d++;
    if (c === ')' || c === ']' || c === '}') d--;
    if (c === sep && d === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur);
  return out.map((s) => s.trim());
}

interface Call {
  name: string;
  /** The callee is a method of an expression (`engines['django'].from_string`): name starts with '.'. */
  args: string[];
  kwargs: Map<string, string>;
  text: string;
}

/** Every call in a masked statement, outermost first. */
function callsIn(text: string): Call[] {
  const out: Call[] = [];
  const re = /(\.?)([A-Za-z_][\w.]*)\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text[m.index - 1] ?? '';
    if (/\w/.test(before)) continue;
    let name = m[2]!;
    if (m[1] === '.') name = `.${name}`;
    if (/^(?:if|elif|while|for|return|and|or|not|in|is|lambda|print|def|class|with|assert|yield|await|except)$/.test(name)) continue;
    const open = m.index + m[0].length - 1;
    const { inner, end } = balanced(text, open);
    const args: string[] = [];
    const kwargs = new Map<string, string>();
    for (const a of splitTop(inner)) {
      const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(a);
      if (kw) kwargs.set(kw[1]!, kw[2]!);
      else if (a) args.push(a);
    }
    out.push({ name, args, kwargs, text: text.slice(m.index, end) });
  }
  return out;
}

const SOURCE = /\b(?:self\.)?request\.(?:GET|POST|COOKIES|FILES|META|body|data|args|form|values|json|files|cookies|headers|query_params|get_json|path|full_path|url|query_string|stream|get_data|view_args)\b(?:\s*(?:\.get\s*\([^()]*\)|\[[^\][]*\]))?/;
/** Calls whose result is safe for every sink. */
const SANITIZERS = /(?<![\w.])(?:int|float|bool|len|abs|round|ord|hash|id|escape|html\.escape|conditional_escape|strip_tags|shlex\.quote|pipes\.quote|quote|quote_plus|urllib\.parse\.quote|urllib\.parse\.quote_plus|bleach\.clean|uuid\.UUID|hashlib\.\w+|hmac\.\w+|bcrypt\.\w+|make_password|check_password|json\.dumps|base64\.b64encode|isdigit|isalnum|isnumeric)\s*\(/g;
/** Calls that make a path safe (the last component only). */
const PATH_SANITIZERS = /(?<![\w.])(?:secure_filename|os\.path\.basename|basename|get_valid_filename)\s*\(/g;

interface Env {
  vars: Map<string, PyTaint | null>;
  /** Literal text a variable was built from (for `open(path, 'w')` on a template or a .py file). */
  texts: Map<string, string>;
  codeFiles: Set<string>;
}

const CODE_FILE = /\.(?:py|pyw|html?|jinja2?|j2|tpl|tmpl|djhtml)\b|(?:^|\/)templates?\//i;

export function findPythonTaintFlows(rel: string, src: string): TaintFlow[] {
  const { stmts, literals } = lexPython(src);
  const flows = new Map<string, TaintFlow>();
  const lit = (n: string) => literals[Number(n)] ?? '';
  const staticOf = (text: string): string => [...text.matchAll(/__[sf](\d+)__/g)].map((m) => lit(m[1]!)).join('');
  const unmask = (text: string): string => text.replace(/__s(\d+)__/g, (_, n: string) => `'${lit(n)}'`).replace(/__f(\d+)__/g, (_, n: string) => `f'${lit(n)}…'`);
  const short = (t: string) => {
    const one = unmask(t).replace(/\s+/g, ' ');
    return one.length > 60 ? `${one.slice(0, 57)}…` : one;
  };
  const stepAt = (s: Stmt, note: string): FlowStep => ({ path: rel, line: s.line, column: s.indent + 1, endLine: s.endLine, endColumn: s.indent + 1 + s.text.length, note });
  const withStep = (t: PyTaint, st: FlowStep): PyTaint => (t.steps.length >= MAX_STEPS || t.steps[t.steps.length - 1]?.note === st.note ? t : { ...t, steps: [...t.steps, st] });

  // Imports: `import a.b as c`, `from a import b as c`.
  const aliases = new Map<string, string>();
  for (const s of stmts) {
    const imp = /^import\s+(.+)$/.exec(s.text);
    if (imp) for (const part of splitTop(imp[1]!)) {
      const m = /^([\w.]+)(?:\s+as\s+(\w+))?$/.exec(part);
      if (m) aliases.set(m[2] ?? m[1]!.split('.')[0]!, m[2] ? m[1]! : m[1]!.split('.')[0]!);
    }
    const from = /^from\s+([\w.]+)\s+import\s+\(?(.+?)\)?$/.exec(s.text);
    if (from) for (const part of splitTop(from[2]!)) {
      const m = /^(\w+)(?:\s+as\s+(\w+))?$/.exec(part);
      if (m) aliases.set(m[2] ?? m[1]!, `${from[1]}.${m[1]}`);
    }
  }
  const resolve = (name: string): string => {
    if (name.startsWith('.')) return name;
    const [head, ...rest] = name.split('.');
    const full = aliases.get(head!);
    return full ? [full, ...rest].join('.') : name;
  };

  // Functions by indentation.
  interface Fn { name: string; params: string[]; body: Stmt[] }
  const functions = new Map<string, Fn>();
  const fns: Fn[] = [];
  stmts.forEach((s, idx) => {
    const m = /^(?:async\s+)?def\s+(\w+)\s*\(([\s\S]*?)\)\s*(?:->[^:]*)?:/.exec(s.text);
    if (!m) return;
    const body: Stmt[] = [];
    for (let k = idx + 1; k < stmts.length && stmts[k]!.indent > s.indent; k++) body.push(stmts[k]!);
    const params = splitTop(m[2]!).map((p) => p.replace(/[:=][\s\S]*$/, '').replace(/^\*+/, '').trim()).filter(Boolean);
    const fn = { name: m[1]!, params, body };
    fns.push(fn);
    if (s.indent === 0 && !functions.has(fn.name)) functions.set(fn.name, fn);
  });

  const report = (kind: SinkKind, s: Stmt, sink: string, t: PyTaint) => {
    if (t.cleared.has(kind)) return;
    const key = `${kind}|${s.line}`;
    if (flows.has(key)) return;
    const last = stepAt(s, `reaches ${sink}`);
    flows.set(key, { kind, sink, path: rel, startLine: s.line, startColumn: s.indent + 1, endLine: s.endLine, endColumn: s.indent + 1 + s.text.length, steps: [...t.steps, last], source: t.source });
  };

  const stripCalls = (text: string, re: RegExp): { rest: string; removed: string[] } => {
    const removed: string[] = [];
    let rest = text;
    for (let guard = 0; guard < 20; guard++) {
      re.lastIndex = 0;
      const m = re.exec(rest);
      if (!m) break;
      const open = m.index + m[0].length - 1;
      const { inner, end } = balanced(rest, open);
      removed.push(inner);
      rest = `${rest.slice(0, m.index)}__clean__${rest.slice(end)}`;
    }
    return { rest, removed };
  };

  /** The taint of a masked expression, or null. */
  const evaluate = (text: string, env: Env, s: Stmt): PyTaint | null => {
    if (!text) return null;
    const { rest: noSan } = stripCalls(text, SANITIZERS);
    const { rest, removed } = stripCalls(noSan, PATH_SANITIZERS);
    let t: PyTaint | null = null;
    const src = SOURCE.exec(rest);
    if (src) t = { source: short(src[0]), steps: [stepAt(s, `source: ${short(src[0])} (data the client controls)`)], built: false, prefix: null, cleared: new Set() };
    if (!t) {
      for (const m of rest.matchAll(/(?<![\w.])([A-Za-z_]\w*)\b(?!\s*=[^=])/g)) {
        const v = env.vars.get(m[1]!);
        if (v) {
          t = v;
          break;
        }
      }
    }
    if (!t) {
      // Tainted only inside a path sanitizer: still tainted for every sink but paths.
      for (const r of removed) {
        const inner = evaluate(r, env, s);
        if (inner) return { ...inner, cleared: new Set([...inner.cleared, 'path-traversal', 'command-injection']) };
      }
      return null;
    }
    const fstr = /__f(\d+)__\(/.exec(rest);
    const building = fstr !== null || (/__s\d+__/.test(rest) && /[+%]|\.format\s*\(|\.join\s*\(/.test(rest)) || /\.format\s*\(/.test(rest);
    if (building) {
      let prefix: string | null = null;
      const head = /^\s*__s(\d+)__\s*\+/.exec(rest);
      if (head) prefix = lit(head[1]!);
      else if (fstr && rest.trim().startsWith(fstr[0])) prefix = lit(fstr[1]!);
      t = withStep({ ...t, built: true, prefix: t.prefix ?? prefix }, stepAt(s, 'built into a string'));
    }
    return t;
  };

  const fixedTarget = (t: PyTaint) => t.built && t.prefix !== null && (/^\/(?![/\\])/.test(t.prefix) || /^https?:\/\/[^/?#{]+[/?#]/i.test(t.prefix));

  const budget = { n: 200 };
  const runFunction = (fn: Fn, params: (PyTaint | null)[], depth: number, stack: Set<string>): PyTaint | null => {
    if (depth > MAX_DEPTH || stack.has(fn.name) || budget.n-- <= 0) return null;
    const env: Env = { vars: new Map(), texts: new Map(), codeFiles: new Set() };
    fn.params.forEach((p, i) => env.vars.set(p, params[i] ?? null));
    const base = fn.body[0]?.indent ?? 0;
    let returned: PyTaint | null = null;
    const inner = new Set(stack).add(fn.name);
    for (const s of fn.body) {
      let text = s.text;
      if (/^(?:async\s+)?def\s|^class\s|^@/.test(text)) continue;
      const top = s.indent === base;
      const assign = (target: string, t: PyTaint | null, valueText: string) => {
        for (const raw of splitTop(target.replace(/^\(|\)$/g, ''))) {
          const name = raw.replace(/^\*/, '').trim();
          const simple = /^[A-Za-z_]\w*$/.test(name);
          const root = /^([A-Za-z_]\w*)/.exec(name)?.[1];
          if (simple) {
            if (t) env.vars.set(name, withStep(t, stepAt(s, `assigned to ${name}`)));
            else if (top || !env.vars.get(name)) env.vars.set(name, null);
            const refs = [...valueText.matchAll(/(?<![\w.])([A-Za-z_]\w*)/g)].map((m) => env.texts.get(m[1]!) ?? '').join('');
            env.texts.set(name, staticOf(valueText) + refs);
          } else if (root && t) env.vars.set(root, withStep(t, stepAt(s, `stored in ${name}`)));
        }
      };
      const head = /^(?:if|elif|while)\s+([\s\S]*):$/.exec(text);
      if (head) text = head[1]!;
      const forM = /^(?:async\s+)?for\s+([\s\S]+?)\s+in\s+([\s\S]+):$/.exec(text);
      if (forM) {
        assign(forM[1]!, evaluate(forM[2]!, env, s), forM[2]!);
        text = forM[2]!;
      }
      const withM = /^(?:async\s+)?with\s+([\s\S]+):$/.exec(text);
      if (withM) {
        for (const item of splitTop(withM[1]!)) {
          const m = /^([\s\S]+?)\s+as\s+([\w.,\s()]+)$/.exec(item);
          if (m) {
            assign(m[2]!, evaluate(m[1]!, env, s), m[1]!);
            markCodeFile(m[1]!, m[2]!.trim(), env);
          }
        }
        text = withM[1]!;
      }
      if (/^(?:try|else|finally|except\b.*|pass|break|continue)\s*:?$/.test(text)) continue;
      const ret = /^return\b\s*([\s\S]*)$/.exec(text);
      if (ret) text = ret[1]!;
      // Assignment (`a = b`, `a, b = c`, `a += b`, `x: int = y`).
      let value = text;
      if (!head && !forM && !withM && !ret) {
        const parts = splitTop(text, '=');
        const aug = /^([\w.[\]'"_ ]+?)\s*([+\-*/%|&]|\/\/)=\s*([\s\S]+)$/.exec(text);
        if (aug) {
          const t = evaluate(aug[3]!, env, s) ?? evaluate(aug[1]!, env, s);
          const built = t && aug[2] === '+' ? withStep({ ...t, built: true, prefix: t.prefix }, stepAt(s, 'built into a string')) : t;
          assign(aug[1]!, built, aug[3]!);
          value = aug[3]!;
        } else if (parts.length >= 2 && !/[=!<>]$/.test(parts[0]!) && !parts.slice(1).some((p) => p.startsWith('='))) {
          value = parts[parts.length - 1]!;
          const t = evaluate(value, env, s);
          for (const target of parts.slice(0, -1)) {
            const tgt = target.replace(/:\s*[\w[\], .]+$/, '');
            assign(tgt, t, value);
            markCodeFile(value, tgt.trim(), env);
          }
        }
      }
      for (const c of callsIn(value)) sinkCall(c, env, s, depth, inner);
      if (ret) {
        const t = evaluate(value, env, s);
        if (t && !returned) returned = t;
      }
    }
    return returned;
  };

  /** `f = open(path, 'w')` / `with open(path, 'w') as f` on a template or a Python module. */
  const markCodeFile = (valueText: string, name: string, env: Env) => {
    const m = /^(?:io\.|codecs\.)?open\s*\(/.exec(valueText.trim());
    if (!m || !/^[A-Za-z_]\w*$/.test(name)) return;
    const call = callsIn(valueText.trim())[0];
    if (!call) return;
    const mode = staticOf(call.args[1] ?? call.kwargs.get('mode') ?? '');
    if (!/[wa+]/.test(mode)) return;
    const pathText = call.args[0] ?? '';
    const refs = [...pathText.matchAll(/(?<![\w.])([A-Za-z_]\w*)/g)].map((r) => env.texts.get(r[1]!) ?? '').join('');
    if (CODE_FILE.test(staticOf(pathText) + refs)) env.codeFiles.add(name);
  };

  const sinkCall = (c: Call, env: Env, s: Stmt, depth: number, stack: Set<string>) => {
    const full = resolve(c.name);
    const last = full.slice(full.lastIndexOf('.') + 1);
    const a0 = c.args[0] !== undefined ? evaluate(c.args[0], env, s) : null;
    const arg = (i: number, kw: string) => {
      const text = c.args[i] ?? c.kwargs.get(kw);
      return text === undefined ? null : evaluate(text, env, s);
    };
    const shown = `${c.name.replace(/^\./, '')}()`;
    // Code execution
    if (/^(?:eval|exec|execfile|builtins\.(?:eval|exec))$/.test(full) || /(?:^|\.)ImageMath\.(?:eval|unsafe_eval|lambda_eval)$/.test(full)) {
      if (a0) report('code-injection', s, shown, a0);
    }
    // OS commands
    if (/^(?:os\.(?:system|popen[234]?|exec[lv]p?e?|spawn[lv]p?e?)|commands\.getoutput|subprocess\.(?:getoutput|getstatusoutput)|asyncio\.create_subprocess_shell)$/.test(full)) {
      if (a0) report('command-injection', s, shown, a0);
    }
    if (/^subprocess\.(?:call|run|Popen|check_output|check_call)$/.test(full) && /^True$/.test(c.kwargs.get('shell') ?? '')) {
      const t = arg(0, 'args');
      if (t) report('command-injection', s, `${shown} with shell=True`, t);
    }
    // SQL built from request data
    if ((/^\.(?:execute|executemany|executescript|raw|extra)$/.test(c.name) || /(?:^|\.)(?:execute|executemany|executescript|raw)$/.test(full) && full.includes('.')) || /(?:^|\.)RawSQL$/.test(full)) {
      const t = arg(0, 'sql') ?? arg(0, 'raw_query');
      if (t?.built) report('sql-injection', s, shown, t);
    }
    // Outgoing requests
    if (/^(?:requests|httpx)\.(?:get|post|put|patch|delete|head|options)$/.test(full) || /^(?:urllib\.request\.urlopen|urllib2\.urlopen|urllib\.urlopen|urllib\.request\.Request)$/.test(full)) {
      const t = arg(0, 'url');
      if (t && !fixedTarget(t)) report('ssrf', s, shown, t);
    }
    if (/^(?:requests|httpx)\.request$/.test(full)) {
      const t = arg(1, 'url');
      if (t && !fixedTarget(t)) report('ssrf', s, shown, t);
    }
    // File paths
    if (/^(?:open|io\.open|codecs\.open|builtins\.open|os\.(?:remove|unlink|rmdir|removedirs|listdir|scandir|rename|replace)|shutil\.(?:rmtree|copy|copyfile|copy2|copytree|move)|flask\.send_file|send_file)$/.test(full)) {
      const t = arg(0, 'file') ?? arg(0, 'path');
      if (t) report('path-traversal', s, shown, t);
    }
    // Redirects
    if (/^(?:redirect|HttpResponseRedirect|HttpResponsePermanentRedirect)$/.test(last) && (full === last || /^(?:django|flask)\./.test(full))) {
      if (a0 && !fixedTarget(a0)) report('open-redirect', s, shown, a0);
    }
    // Deserialization
    if (/^(?:pickle|cPickle|_pickle|dill|marshal|shelve)\.(?:loads|load|Unpickler)$|^jsonpickle\.decode$|^yaml\.(?:unsafe_load|full_load|load_all|load)$/.test(full)) {
      const loader = c.args[1] ?? c.kwargs.get('Loader') ?? '';
      if (a0 && !(/^yaml\.load/.test(full) && /Safe/.test(loader))) report('deserialization', s, shown, a0);
    }
    // Templates compiled from request data
    if ((last === 'Template' && /^(?:django\.template|jinja2|mako\.template)/.test(full)) || last === 'render_template_string' || c.name === '.from_string') {
      if (a0) report('template-injection', s, shown, a0);
    }
    // HTML marked safe
    if (/^(?:mark_safe|Markup|SafeString)$/.test(last) && a0) report('xss', s, shown, a0);
    // Request data written into a template or a Python module: code the server runs.
    const w = /^\.?([A-Za-z_]\w*)\.(?:write|writelines)$/.exec(c.name);
    if (w && env.codeFiles.has(w[1]!) && a0) report('code-injection', s, `${w[1]}.write() to a template or Python module`, a0);
    // Functions of the same file called with request data.
    const local = functions.get(c.name);
    if (local) {
      const passed = c.args.map((a) => evaluate(a, env, s));
      const offset = local.params[0] === 'self' || local.params[0] === 'cls' ? 1 : 0;
      if (passed.some(Boolean)) {
        const params: (PyTaint | null)[] = local.params.map((p, i) => {
          const t = passed[i - offset] ?? (c.kwargs.has(p) ? evaluate(c.kwargs.get(p)!, env, s) : null);
          return t ? withStep(t, stepAt(s, `passed to ${local.name}()`)) : null;
        });
        runFunction(local, params, depth + 1, stack);
      }
    }
  };

  for (const fn of fns) runFunction(fn, [], 0, new Set());
  return [...flows.values()].sort((a, b) => a.startLine - b.startLine || a.kind.localeCompare(b.kind));
}
