import path from 'node:path';
import type { ESLint, Rule, Scope } from 'eslint';
import type * as ESTree from 'estree';

/**
 * Security hotspots reported only where a reviewer would want them. A pattern rule cannot tell whether untrusted
 * data reaches a sink; Argus's taint engine can, and a confirmed flow outranks the pattern match of the same sink
 * (one finding per problem). So the pattern rules here:
 *
 * - DOM sinks (`no-unsanitized/property`, `no-unsanitized/method`): a value that is a compile-time constant (string
 *   literals, templates and concatenations of constants, `const` names and constant objects/arrays indexed, `.join()`
 *   of constant arrays) is not reported; any other value, which no flow of request or URL data was found to reach, is
 *   a low-severity "review" hotspot, as SonarQube reports DOM XSS hotspots.
 * - Timing attacks (`security/detect-possible-timing-attacks`): an `==`/`===` comparison only leaks through time where
 *   the attacker does not run the code, so browser-side files are not reported; nor are comparisons with a literal
 *   (`token === null`). On the server, a secret-like name (token, secret, hash, digest, signature, HMAC, API key, OTP)
 *   is reported at medium; the plugin's looser names (`password`, `auth`, `pass`, `api`) are low "review" hotspots.
 */

/** Appended to the message of a hotspot that needs a review: such findings are rated low (see reviewSeverity). */
const REVIEW_NOTE = ' (security hotspot to review: no flow of untrusted data to it was found)';

/** Low for a hotspot reported as "to review", else the rule's own severity. */
export function reviewSeverity<S extends string>(message: string, severity: S): S | 'low' {
  return message.endsWith(REVIEW_NOTE) ? 'low' : severity;
}

type Node = ESTree.Node;

const MAX_DEPTH = 8;
const STRING_METHODS = new Set(['join', 'trim', 'trimStart', 'trimEnd', 'toUpperCase', 'toLowerCase', 'concat', 'repeat', 'padStart', 'padEnd', 'replace', 'replaceAll', 'slice', 'substring', 'toString']);

function findVariable(scope: Scope.Scope | null, name: string): Scope.Variable | null {
  for (let s = scope; s; s = s.upper) {
    const v = s.set.get(name);
    if (v) return v;
  }
  return null;
}

/** The initializer of a `const` binding that is never reassigned, else null. */
function constInit(scope: Scope.Scope, name: string): Node | null {
  const v = findVariable(scope, name);
  if (!v || v.defs.length !== 1) return null;
  const def = v.defs[0]!;
  if (def.type !== 'Variable' || def.parent.kind !== 'const' || def.node.id.type !== 'Identifier' || !def.node.init) return null;
  if (v.references.some((r) => r.isWrite() && r.identifier !== def.node.id)) return null;
  return def.node.init;
}

/** True when the expression evaluates to the same string on every run: no data from outside the code. */
function isConstantValue(node: Node, scope: Scope.Scope, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const again = (n: Node | null | undefined) => !!n && isConstantValue(n, scope, depth + 1);
  switch (node.type) {
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      return node.expressions.every((e) => again(e));
    case 'BinaryExpression':
      return node.left.type !== 'PrivateIdentifier' && again(node.left) && again(node.right);
    case 'LogicalExpression':
      return again(node.left) && again(node.right);
    case 'ConditionalExpression':
      return again(node.consequent) && again(node.alternate);
    case 'SequenceExpression':
      return again(node.expressions[node.expressions.length - 1]);
    case 'UnaryExpression':
      return node.operator !== 'delete';
    case 'ArrayExpression':
      return node.elements.every((e) => e !== null && e.type !== 'SpreadElement' && again(e));
    case 'ObjectExpression':
      return node.properties.every((p) => p.type === 'Property' && !p.computed && p.kind === 'init' && again(p.value as Node));
    case 'Identifier': {
      if (node.name === 'undefined') return true;
      const init = constInit(scope, node.name);
      return init !== null && again(init);
    }
    case 'MemberExpression':
      // CONSTANTS.key, CONSTANTS[kind]: any member of a constant object or array is constant.
      return node.object.type !== 'Super' && again(node.object);
    case 'CallExpression': {
      const callee = node.callee;
      if (callee.type === 'Identifier' && callee.name === 'String') return node.arguments.every((a) => a.type !== 'SpreadElement' && again(a));
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !STRING_METHODS.has(callee.property.name)) return false;
      return callee.object.type !== 'Super' && again(callee.object) && node.arguments.every((a) => a.type !== 'SpreadElement' && again(a));
    }
    case 'ChainExpression':
      return again(node.expression);
    default: {
      // TypeScript wrappers (`x as string`, `x!`, `<T>x`) around a constant.
      const ts = node as unknown as { type: string; expression?: Node };
      if ((ts.type === 'TSAsExpression' || ts.type === 'TSNonNullExpression' || ts.type === 'TSTypeAssertion' || ts.type === 'TSSatisfiesExpression') && ts.expression) return again(ts.expression);
      return false;
    }
  }
}

/** The values a DOM-sink report is about: the right side of an assignment, or the reported argument of a call. */
function sinkValues(node: Node, message: string): Node[] {
  if (node.type === 'AssignmentExpression') return [node.right];
  if (node.type === 'CallExpression') {
    const m = /for argument (\d+)/.exec(message);
    const args = node.arguments.filter((a): a is ESTree.Expression => a.type !== 'SpreadElement');
    if (m) return node.arguments[Number(m[1])] && node.arguments[Number(m[1])]!.type !== 'SpreadElement' ? [node.arguments[Number(m[1])] as Node] : [];
    return args;
  }
  return [];
}

type ReportArgs = [Rule.ReportDescriptor] | [Node, string];

/** Wraps a no-unsanitized rule: constant values are dropped, the rest become "review" hotspots. */
function reviewDomSink(rule: Rule.RuleModule): Rule.RuleModule {
  return {
    meta: rule.meta,
    create(context) {
      const report = (...args: ReportArgs) => {
        const descriptor: Rule.ReportDescriptor = args.length === 2 ? { node: args[0] as Rule.Node, message: args[1] } : args[0];
        const node = 'node' in descriptor ? (descriptor.node as Node) : null;
        const message = 'message' in descriptor && typeof descriptor.message === 'string' ? descriptor.message : '';
        if (node) {
          const values = sinkValues(node, message);
          const scope = context.sourceCode.getScope(node);
          if (values.length > 0 && values.every((v) => isConstantValue(v, scope))) return;
        }
        // Errors of the plugin itself ("Error in no-unsanitized: …") stay as they are.
        if (message && !message.startsWith('Error in') && !message.endsWith(REVIEW_NOTE)) context.report({ ...descriptor, message: message + REVIEW_NOTE } as Rule.ReportDescriptor);
        else context.report(descriptor);
      };
      // The context is frozen: a child object that inherits everything but report.
      const proxy = Object.create(context, { report: { value: report } }) as Rule.RuleContext;
      return rule.create(proxy);
    },
  };
}

/** The eslint-plugin-no-unsanitized plugin with its two rules wrapped (same rule ids, same docs). */
export function reviewedNoUnsanitized(plugin: ESLint.Plugin): ESLint.Plugin {
  const rules = plugin.rules ?? {};
  return { ...plugin, rules: Object.fromEntries(Object.entries(rules).map(([id, r]) => [id, reviewDomSink(r as Rule.RuleModule)])) };
}

// ---------------------------------------------------------------------------------------------------------------
// Timing attacks

/** The names eslint-plugin-security looks for (exact, case-insensitive). */
const LOOSE_NAME = /^(?:password|secret|api|apikey|token|auth|pass|hash)$/i;
/** Names of values that are secrets an attacker could guess byte by byte. */
const SECRET_NAME = /(?:token|secret|hash|digest|signature|hmac|api_?key|otp)(?:s)?$|^(?:sig|mac)$/i;
const BROWSER_MODULES = /^(?:@angular\/|react$|react-dom|vue$|svelte|preact|jquery$|@ionic\/)/;
const SERVER_MODULES = /^(?:node:|fs$|crypto$|http$|https$|net$|express$|koa$|fastify$|@nestjs\/|hapi$|@hapi\/|restify$|next\/server$|jsonwebtoken$|bcrypt|sequelize$|mongoose$|passport)/;
const BROWSER_PATH = /(?:^|\/)(?:frontend|client|public|static|browser|www|webapp)\//i;

/** References to a global name, whether the configuration declares it (`document`, `require`) or not. */
function globalRefs(globalScope: Scope.Scope, name: string): Scope.Reference[] {
  return [...(globalScope.set.get(name)?.references ?? []), ...globalScope.through.filter((r) => r.identifier.name === name)];
}

/** Where a file runs: 'browser' by its imports or DOM globals, or by its path when nothing tells; else 'server'. */
function sideOf(program: ESTree.Program, filename: string, globalScope: Scope.Scope): 'browser' | 'server' {
  const modules: string[] = [];
  for (const st of program.body) {
    if (st.type === 'ImportDeclaration' && typeof st.source.value === 'string') modules.push(st.source.value);
  }
  for (const ref of globalRefs(globalScope, 'require')) {
    const parent = (ref.identifier as Rule.Node).parent;
    const arg = parent?.type === 'CallExpression' ? parent.arguments[0] : undefined;
    if (arg?.type === 'Literal' && typeof arg.value === 'string') modules.push(arg.value);
  }
  if (modules.some((m) => SERVER_MODULES.test(m))) return 'server';
  if (modules.some((m) => BROWSER_MODULES.test(m))) return 'browser';
  if (globalRefs(globalScope, 'document').length > 0 || globalRefs(globalScope, 'window').length > 0) return 'browser';
  return BROWSER_PATH.test(filename.replace(/\\/g, '/')) ? 'browser' : 'server';
}

function nameOf(node: Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  return null;
}

function isLiteralLike(node: Node): boolean {
  return (
    node.type === 'Literal' ||
    (node.type === 'Identifier' && node.name === 'undefined') ||
    (node.type === 'UnaryExpression' && (node.operator === 'typeof' || node.operator === 'void')) ||
    (node.type === 'TemplateLiteral' && node.expressions.length === 0)
  );
}

const timingAttackRule: Pick<Rule.RuleModule, 'create'> = {
  create(context) {
    let side: 'browser' | 'server' | null = null;
    return {
      IfStatement(node) {
        const test = node.test;
        if (test.type !== 'BinaryExpression' || !['==', '===', '!=', '!=='].includes(test.operator) || test.left.type === 'PrivateIdentifier') return;
        const { left, right } = test;
        if (isLiteralLike(left) || isLiteralLike(right)) return;
        const names = [nameOf(left), nameOf(right)];
        const secret = names.find((n) => n !== null && SECRET_NAME.test(n));
        const loose = names.find((n, i) => n !== null && [left, right][i]!.type === 'Identifier' && LOOSE_NAME.test(n));
        if (!secret && !loose) return;
        side ??= sideOf(context.sourceCode.ast, path.relative(context.cwd, context.filename), context.sourceCode.scopeManager.globalScope!);
        if (side === 'browser') return;
        const n = secret ?? loose!;
        const message = `Possible timing attack: \`${n}\` is compared with ${test.operator}, which stops at the first differing character; compare secrets with crypto.timingSafeEqual`;
        context.report({ node, message: secret ? message : message + REVIEW_NOTE });
      },
    };
  },
};

/** eslint-plugin-security with its timing-attack rule replaced by the server-side, secret-aware one above. */
export function reviewedSecurity<P extends ESLint.Plugin>(plugin: P): P {
  const original = plugin.rules?.['detect-possible-timing-attacks'] as Rule.RuleModule | undefined;
  return { ...plugin, rules: { ...plugin.rules, 'detect-possible-timing-attacks': { meta: original?.meta, ...timingAttackRule } } };
}
